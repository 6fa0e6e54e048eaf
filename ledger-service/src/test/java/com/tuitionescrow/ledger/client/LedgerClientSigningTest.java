package com.tuitionescrow.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.api.client.BankSignature;
import com.tuitionescrow.ledger.api.client.LedgerClient;
import com.tuitionescrow.ledger.api.client.RetryPolicy;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.client.FlakyGateway.Answer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * Two threads polling the bank's instructions once a second used to reach SIGNATURE_STALE after
 * about five minutes: each signature of an identical GET was dated a second after the last, so the
 * dates ran ahead of the clock. Every attempt is now signed with the clock's current second.
 */
class LedgerClientSigningTest {

    private static final int POLLS = 600;

    @Test
    void given_many_identical_polls_in_one_second_when_signed_then_every_signature_is_dated_by_the_clock()
            throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-09-01T02:00:00.400Z"), ZoneOffset.UTC);
        try (FlakyGateway ledger = FlakyGateway.standalone()) {
            ledger.then(Collections.nCopies(POLLS, Answer.json(200, "{\"items\":[]}"))
                    .toArray(FlakyGateway.Step[]::new));
            LedgerClient bank = LedgerClient.builder()
                    .baseUri(ledger.uri())
                    .bearerToken(() -> "token")
                    .bankSecret("any-secret")
                    .clock(clock)
                    .retry(RetryPolicy.none())
                    .build();

            for (int poll = 0; poll < POLLS; poll++) {
                bank.instructions(InstructionStatus.PENDING, null, 100);
            }

            assertThat(ledger.received())
                    .hasSize(POLLS)
                    .allSatisfy(call -> assertThat(call.header(BankSignature.TIMESTAMP_HEADER))
                            .isEqualTo(Long.toString(clock.instant().getEpochSecond())));
        }
    }
}
