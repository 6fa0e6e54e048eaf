package com.tuitionescrow.ledger.support;

import com.tuitionescrow.ledger.LedgerApplication;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A second instance of the ledger on the test database, as a second machine would run it: its own
 * application context, connection pool, command bus and processors, reaching PostgreSQL through a
 * {@link TcpProxy} a test can cut. It shares the tests' clock, as machines share the time of day,
 * and starts once for the test run.
 */
public final class SecondInstance {

    private static SecondInstance running;
    private static Clock sharedClock;

    private final ConfigurableApplicationContext context;
    private final TcpProxy proxy;

    private SecondInstance(ConfigurableApplicationContext context, TcpProxy proxy) {
        this.context = context;
        this.proxy = proxy;
    }

    /** The second instance, started on first use with the tests' clock. */
    public static synchronized SecondInstance get(Clock clock) {
        if (running == null) {
            sharedClock = clock;
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop));
        }
        return running;
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public TcpProxy database() {
        return proxy;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private static SecondInstance start() {
        TestDatabase.Connection db = TestDatabase.get();
        URI target = URI.create(db.url().substring("jdbc:".length()));
        try {
            TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
            String viaProxy = db.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
            ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerApplication.class, Shared.class)
                    .run(
                            "--server.port=0",
                            "--spring.datasource.url=" + viaProxy,
                            "--spring.datasource.username=" + db.user(),
                            "--spring.datasource.password=" + db.password(),
                            "--spring.datasource.hikari.maximum-pool-size=8",
                            "--spring.datasource.hikari.minimum-idle=1",
                            "--ledger.security.jwt-secret=" + Tokens.SECRET,
                            "--ledger.bank.hmac-secret=" + Tokens.BANK_HMAC_SECRET,
                            "--ledger.bank.hmac-secret-previous=" + Tokens.BANK_HMAC_SECRET_PREVIOUS,
                            // Its schedules wait for the tests; the release run answers at once (202 while it runs).
                            "--ledger.disbursement.schedule=-",
                            "--ledger.order-expiry.sweep-interval=PT1H",
                            "--ledger.window.sweep-interval=PT1H",
                            "--ledger.operations.answer-within=PT0S",
                            "--spring.main.banner-mode=off",
                            "--logging.level.root=WARN");
            return new SecondInstance(context, proxy);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the proxy to the test database", e);
        }
    }

    private void stop() {
        context.close();
        try {
            proxy.close();
        } catch (IOException ignored) {
            // The JVM is ending.
        }
    }

    /**
     * The tests' clock, and a claim on the journal's segment under a name of this instance's own. A
     * test configuration, so that the tests' own context, which scans this package, leaves it out.
     */
    @TestConfiguration
    static class Shared {
        @Bean
        @Primary
        Clock testClock() {
            return sharedClock;
        }

        @Bean
        TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
            return JdbcTokenStore.builder()
                    .connectionProvider(connectionProvider)
                    .schema(TokenSchema.builder().build())
                    .serializer(serializer)
                    .nodeId("second-instance-" + UUID.randomUUID())
                    .build();
        }
    }
}
