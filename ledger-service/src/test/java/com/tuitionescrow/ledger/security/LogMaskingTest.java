package com.tuitionescrow.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Nothing sensitive reaches the logs: account numbers keep only their last four digits; tokens vanish. */
@ExtendWith(OutputCaptureExtension.class)
class LogMaskingTest extends LedgerIntegrationTest {

    @Test
    void account_numbers_and_tokens_in_a_logged_failure_are_masked(CapturedOutput output) {
        String token = Tokens.bank();

        LoggerFactory.getLogger(LogMaskingTest.class).error("payment into 6222020200112233 refused for {}", token,
                new IllegalStateException("Key (custody_account_no)=(6222020200112233) already exists"));

        assertThat(output.getOut()).contains("payment into ****2233 refused for <token>")
                .contains("(custody_account_no)=(****2233)")
                .doesNotContain("6222020200112233")
                .doesNotContain(token);
    }
}
