package com.tuitionescrow.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.api.common.Ids;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;

/** Nothing sensitive reaches the logs: account numbers keep only their last four digits; tokens vanish. */
@ExtendWith(OutputCaptureExtension.class)
class LogMaskingTest extends LedgerIntegrationTest {

    /**
     * Every shape of identifier that can carry a custody account number (8 to 32 digits, see
     * {@link Ids#ACCOUNT_NO}): the account number itself at its shortest and longest, and inside a
     * client-chosen id, a bank transaction id and an IBAN-like statement account.
     */
    private static final Map<String, String> MASKED = Map.of(
            "62220202", "****0202",
            "12345678901234567890123456789012", "****9012",
            "stu-62220202", "stu-****0202",
            "order_6222020200112233", "order_****2233",
            "TXN.62220202.01", "TXN.****0202.01",
            "CN6222020200112233", "CN****2233");

    @Autowired
    private Environment environment;

    @Test
    void account_numbers_and_tokens_in_a_logged_failure_are_masked(CapturedOutput output) {
        String token = Tokens.bank();

        LoggerFactory.getLogger(LogMaskingTest.class)
                .error(
                        "payment into 6222020200112233 refused for {}",
                        token,
                        new IllegalStateException("Key (custody_account_no)=(6222020200112233) already exists"));

        assertThat(output.getOut())
                .contains("payment into ****2233 refused for <token>")
                .contains("(custody_account_no)=(****2233)")
                .doesNotContain("6222020200112233")
                .doesNotContain(token);
    }

    @Test
    void given_every_identifier_shape_that_can_carry_an_account_number_when_logged_then_only_its_last_four_digits_show(
            CapturedOutput output) {
        MASKED.forEach((id, masked) -> LoggerFactory.getLogger(LogMaskingTest.class)
                .warn("no order for <{}>", id, new IllegalArgumentException("unknown id " + id)));

        MASKED.forEach((id, masked) -> assertThat(output.getOut())
                .as(id)
                .contains("no order for <" + masked + ">")
                .contains("unknown id " + masked)
                .doesNotContain(id));
    }

    @Test
    void given_a_log_file_when_one_is_configured_then_it_is_masked_like_the_console() {
        assertThat(environment.getProperty("logging.pattern.file"))
                .isNotBlank()
                .isEqualTo(environment.getProperty("logging.pattern.console"));
    }
}
