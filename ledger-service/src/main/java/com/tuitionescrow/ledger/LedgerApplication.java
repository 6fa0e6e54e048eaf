package com.tuitionescrow.ledger;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The prepaid tuition escrow ledger: 平台收费、专户核算、序时拨付、退费顺畅、全程可控. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LedgerApplication {

    private static final String AXON_UPDATE_CHECKER = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // Axon reports usage to AxonIQ unless told not to; a custody ledger calls nobody it was not
        // configured to call. An operator can still opt in with -Daxoniq.update-checker.disabled=false.
        if (System.getProperty(AXON_UPDATE_CHECKER) == null) {
            System.setProperty(AXON_UPDATE_CHECKER, "true");
        }
        SpringApplication.run(LedgerApplication.class, args);
    }

    /**
     * The ledger's time for business rules, in the microseconds PostgreSQL keeps, so a deadline
     * reads back exactly as it was answered. Tests replace it to move through deadlines.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
