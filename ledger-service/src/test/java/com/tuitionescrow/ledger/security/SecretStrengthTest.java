package com.tuitionescrow.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tuitionescrow.ledger.LedgerApplication;
import com.tuitionescrow.ledger.platform.security.BankSignatureProperties;
import com.tuitionescrow.ledger.platform.security.SecurityProperties;
import com.tuitionescrow.ledger.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A key shorter than 32 bytes is no key for a ledger: the service does not start with one. */
class SecretStrengthTest {

    private static final String THIRTY_ONE_BYTES = "0123456789012345678901234567890";
    private static final String THIRTY_TWO_BYTES = THIRTY_ONE_BYTES + "1";

    @Test
    void a_token_secret_of_31_bytes_is_refused_and_32_accepted() {
        assertThatThrownBy(() -> new SecurityProperties(THIRTY_ONE_BYTES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes");
        assertThat(new SecurityProperties(THIRTY_TWO_BYTES).jwtSecretBytes()).hasSize(32);
        // Counted in UTF-8 bytes, not characters: eleven Chinese characters are 33 bytes.
        assertThat(new SecurityProperties("预付费资金监管平台密钥八").jwtSecretBytes()).hasSize(36);
    }

    @Test
    void a_bank_secret_of_31_bytes_is_refused_current_or_previous() {
        assertThatThrownBy(() -> new BankSignatureProperties(THIRTY_ONE_BYTES, "", Duration.ofSeconds(300), 1024))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() ->
                        new BankSignatureProperties(THIRTY_TWO_BYTES, THIRTY_ONE_BYTES, Duration.ofSeconds(300), 1024))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void the_service_does_not_start_with_a_short_token_secret() {
        TestDatabase.Connection db = TestDatabase.get();

        // Command-line arguments, as an operator would pass them: they outrank application.yml.
        assertThatThrownBy(() -> new SpringApplicationBuilder(LedgerApplication.class)
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=" + db.url(),
                                "--spring.datasource.username=" + db.user(),
                                "--spring.datasource.password=" + db.password(),
                                "--ledger.security.jwt-secret=" + THIRTY_ONE_BYTES,
                                "--ledger.disbursement.schedule=-",
                                "--logging.level.root=OFF")
                        .close())
                .hasStackTraceContaining("must be at least 32 bytes");
    }
}
