package com.tuitionescrow.ledger.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.accounting.Posting;
import com.tuitionescrow.ledger.api.bank.SuspenseReason;
import com.tuitionescrow.ledger.bank.BankCommands.RecordSuspenseReceipt;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReceiptRecorded;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 挂账: money the bank reports is never dropped; what cannot be applied is held in suspense. */
class SuspenseReceiptTest {

    private static final String SCHOOL = "91350100M000100Y43";
    private static final String CUSTODY_NO = "6222000011112222";
    private static final Instant RECEIVED = Instant.parse("2026-03-02T01:58:00Z");
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");

    private AggregateTestFixture<SuspenseReceipt> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SuspenseReceipt.class);
    }

    @Test
    void a_receipt_that_cannot_be_applied_raises_custody_cash_and_suspense_of_the_institution_it_was_paid_to() {
        String receiptId = SuspenseReceipt.idOf("txn-1");

        fixture.givenNoPriorActivity()
                .when(new RecordSuspenseReceipt(
                        receiptId,
                        "txn-1",
                        "order-1",
                        SCHOOL,
                        CUSTODY_NO,
                        300_001,
                        RECEIVED,
                        SuspenseReason.AMOUNT_MISMATCH,
                        NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SuspenseReceiptRecorded(
                        receiptId,
                        "txn-1",
                        "order-1",
                        SCHOOL,
                        CUSTODY_NO,
                        300_001,
                        RECEIVED,
                        SuspenseReason.AMOUNT_MISMATCH,
                        NOW,
                        new JournalEntry(List.of(
                                Posting.debit(AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL), 300_001),
                                Posting.credit(AccountCode.of(AccountType.SUSPENSE, SCHOOL), 300_001)))));
    }

    @Test
    void a_receipt_into_an_unknown_custody_account_is_held_for_the_unidentified_institution() {
        String receiptId = SuspenseReceipt.idOf("txn-2");
        String unidentified = AccountCode.UNIDENTIFIED_INSTITUTION;

        fixture.givenNoPriorActivity()
                .when(new RecordSuspenseReceipt(
                        receiptId,
                        "txn-2",
                        null,
                        unidentified,
                        "6222999988887777",
                        50_000,
                        RECEIVED,
                        SuspenseReason.ACCOUNT_UNKNOWN,
                        NOW))
                .expectEvents(new SuspenseReceiptRecorded(
                        receiptId,
                        "txn-2",
                        null,
                        unidentified,
                        "6222999988887777",
                        50_000,
                        RECEIVED,
                        SuspenseReason.ACCOUNT_UNKNOWN,
                        NOW,
                        JournalEntry.of(
                                AccountCode.of(AccountType.CUSTODY_CASH, unidentified),
                                AccountCode.of(AccountType.SUSPENSE, unidentified),
                                50_000)));
    }

    @Test
    void the_receipt_occurred_when_the_bank_received_the_money() {
        SuspenseReceiptRecorded recorded = new SuspenseReceiptRecorded(
                "suspense:txn-3",
                "txn-3",
                "order-3",
                SCHOOL,
                CUSTODY_NO,
                1,
                RECEIVED,
                SuspenseReason.ORDER_EXPIRED,
                NOW,
                JournalEntry.of(
                        AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL),
                        AccountCode.of(AccountType.SUSPENSE, SCHOOL),
                        1));

        assertThat(recorded.occurredAt()).isEqualTo(RECEIVED);
    }

    @Test
    void the_receipt_is_identified_by_the_bank_transaction() {
        assertThat(SuspenseReceipt.idOf("txn-9")).isEqualTo("suspense:txn-9");
    }
}
