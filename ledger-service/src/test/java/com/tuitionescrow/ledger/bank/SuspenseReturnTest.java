package com.tuitionescrow.ledger.bank;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.api.bank.SuspenseReason;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.bank.BankCommands.RecordSuspenseReturnResult;
import com.tuitionescrow.ledger.bank.BankCommands.ResolveUndeliverableReturn;
import com.tuitionescrow.ledger.bank.BankCommands.ReturnSuspense;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReceiptRecorded;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturnFailed;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturnInstructed;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturnReinstructed;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturned;
import com.tuitionescrow.ledger.shared.Refusal;
import com.tuitionescrow.ledger.twophase.InstructionPolicy;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 挂账 sent back: money held in suspense leaves by a SUSPENSE_RETURN instruction to whoever paid it,
 * in transit until the bank answers; a failed return holds it again, for the next run to try anew.
 */
class SuspenseReturnTest {

    private static final String SCHOOL = "91350100M000100Y43";
    private static final String CUSTODY_NO = "6222000011112222";
    private static final String RECEIPT = SuspenseReceipt.idOf("txn-1");
    private static final Instant RECEIVED = Instant.parse("2026-03-02T01:58:00Z");
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-03T02:00:00Z");

    private static final AccountCode CUSTODY = AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL);
    private static final AccountCode SUSPENSE = AccountCode.of(AccountType.SUSPENSE, SCHOOL);
    private static final AccountCode RETURNING = AccountCode.of(AccountType.RETURN_IN_TRANSIT, SCHOOL);

    private static final SuspenseReceiptRecorded HELD = new SuspenseReceiptRecorded(
            RECEIPT,
            "txn-1",
            "order-1",
            SCHOOL,
            CUSTODY_NO,
            300_001,
            RECEIVED,
            SuspenseReason.AMOUNT_MISMATCH,
            NOW,
            JournalEntry.of(CUSTODY, SUSPENSE, 300_001));
    private static final SuspenseReturnInstructed FIRST_RETURN = new SuspenseReturnInstructed(
            RECEIPT,
            "SRT-txn-1",
            SCHOOL,
            CUSTODY_NO,
            300_001,
            "txn-1",
            NOW,
            JournalEntry.of(SUSPENSE, RETURNING, 300_001));
    private static final SuspenseReturnFailed FIRST_FAILED =
            new SuspenseReturnFailed(RECEIPT, "SRT-txn-1", 300_001, "out-1", "payer account closed", NOW, false);
    private static final SuspenseReturnReinstructed SECOND_RETURN = new SuspenseReturnReinstructed(
            RECEIPT, "SRT-txn-1.2", SCHOOL, CUSTODY_NO, 300_001, "txn-1", "SRT-txn-1", null, NOW);

    private AggregateTestFixture<SuspenseReceipt> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SuspenseReceipt.class);
        fixture.registerInjectableResource(new InstructionPolicy(2));
    }

    @Test
    void held_money_is_instructed_back_to_its_payer_and_is_in_transit_until_the_bank_answers() {
        fixture.given(HELD)
                .when(new ReturnSuspense(RECEIPT, NOW))
                .expectEvents(FIRST_RETURN)
                .expectResultMessagePayload("SRT-txn-1");
    }

    @Test
    void money_already_on_its_way_back_is_not_instructed_twice() {
        fixture.given(HELD, FIRST_RETURN)
                .when(new ReturnSuspense(RECEIPT, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(null);
    }

    @Test
    void an_executed_return_takes_the_money_out_of_custody_and_is_never_instructed_again() {
        SuspenseReturned returned = new SuspenseReturned(
                RECEIPT, "SRT-txn-1", 300_001, "out-1", LATER, JournalEntry.of(RETURNING, CUSTODY, 300_001));

        fixture.given(HELD, FIRST_RETURN)
                .when(new RecordSuspenseReturnResult(
                        RECEIPT, "SRT-txn-1", InstructionOutcome.EXECUTED, "out-1", LATER, null))
                .expectEvents(returned);
        fixture.given(HELD, FIRST_RETURN, returned)
                .when(new ReturnSuspense(RECEIPT, LATER))
                .expectNoEvents()
                .expectResultMessagePayload(null);
    }

    @Test
    void a_failed_return_stays_in_transit_and_goes_to_the_bank_again_at_once_until_the_last_attempt_is_undeliverable() {
        fixture.given(HELD, FIRST_RETURN)
                .when(new RecordSuspenseReturnResult(
                        RECEIPT, "SRT-txn-1", InstructionOutcome.FAILED, "out-1", NOW, "payer account closed"))
                .expectEvents(FIRST_FAILED, SECOND_RETURN);
        // The run does not take it again: it is under way, and the run's returns are for money held.
        fixture.given(HELD, FIRST_RETURN, FIRST_FAILED, SECOND_RETURN)
                .when(new ReturnSuspense(RECEIPT, LATER))
                .expectNoEvents()
                .expectResultMessagePayload(null);
        SuspenseReturnFailed lastFailed =
                new SuspenseReturnFailed(RECEIPT, "SRT-txn-1.2", 300_001, "out-2", "payer account closed", LATER, true);
        fixture.given(HELD, FIRST_RETURN, FIRST_FAILED, SECOND_RETURN)
                .when(new RecordSuspenseReturnResult(
                        RECEIPT, "SRT-txn-1.2", InstructionOutcome.FAILED, "out-2", LATER, "payer account closed"))
                .expectEvents(lastFailed);
        fixture.given(HELD, FIRST_RETURN, FIRST_FAILED, SECOND_RETURN, lastFailed)
                .when(new ResolveUndeliverableReturn(
                        RECEIPT, "SRT-txn-1.2", "TXN-PAYER-NEW", "payer's account found", LATER))
                .expectEvents(new SuspenseReturnReinstructed(
                        RECEIPT,
                        "SRT-txn-1.3",
                        SCHOOL,
                        CUSTODY_NO,
                        300_001,
                        "TXN-PAYER-NEW",
                        "SRT-txn-1.2",
                        "payer's account found",
                        LATER))
                .expectResultMessagePayload("SRT-txn-1.3");
        fixture.given(HELD, FIRST_RETURN)
                .when(new ResolveUndeliverableReturn(RECEIPT, "SRT-txn-1", null, "not yet", LATER))
                .expectException(Refusal.class)
                .expectNoEvents();
    }

    @Test
    void an_answer_to_a_return_not_under_way_is_a_programming_error() {
        fixture.given(HELD)
                .when(new RecordSuspenseReturnResult(
                        RECEIPT, "SRT-txn-1", InstructionOutcome.EXECUTED, "out-1", NOW, null))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }
}
