package com.tuitionescrow.ledger.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Replaying the journal: custody cash equals what each institution owes, and nothing goes negative. */
class BalanceSheetTest {

    private static final String SCHOOL = "91350100M000100Y43";
    private static final String OTHER_SCHOOL = "91110000600037341L";

    private static final AccountCode CUSTODY = AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL);
    private static final AccountCode PREPAID = AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, "stu-1");
    private static final AccountCode AWAITING = AccountCode.of(AccountType.AWAITING_CONFIRMATION, SCHOOL);
    private static final AccountCode RELEASABLE = AccountCode.of(AccountType.RELEASABLE, SCHOOL);
    private static final AccountCode OTHER_CUSTODY = AccountCode.of(AccountType.CUSTODY_CASH, OTHER_SCHOOL);
    private static final AccountCode OTHER_SUSPENSE = AccountCode.of(AccountType.SUSPENSE, OTHER_SCHOOL);

    @Test
    void after_a_collection_a_lesson_and_a_confirmation_custody_equals_liabilities() {
        BalanceSheet books = new BalanceSheet();

        books.post(JournalEntry.of(CUSTODY, PREPAID, 300_000)); // collection
        books.post(JournalEntry.of(PREPAID, AWAITING, 30_000)); // lesson reported
        books.post(JournalEntry.of(AWAITING, RELEASABLE, 30_000)); // lesson confirmed
        books.post(JournalEntry.of(OTHER_CUSTODY, OTHER_SUSPENSE, 999)); // another school's suspense receipt

        assertThat(books.balanceFen(CUSTODY)).isEqualTo(300_000);
        assertThat(books.balanceFen(PREPAID)).isEqualTo(270_000);
        assertThat(books.balanceFen(AWAITING)).isZero();
        assertThat(books.balanceFen(RELEASABLE)).isEqualTo(30_000);
        assertThat(books.custodyFen(SCHOOL)).isEqualTo(300_000);
        assertThat(books.liabilitiesFen(SCHOOL)).isEqualTo(books.custodyFen(SCHOOL));
        assertThat(books.custodyFen(OTHER_SCHOOL)).isEqualTo(999);
        assertThat(books.liabilitiesFen(OTHER_SCHOOL)).isEqualTo(999);
        assertThat(books.institutions()).containsExactly(OTHER_SCHOOL, SCHOOL);
        assertThat(books.negativeAccounts()).isEmpty();
    }

    @Test
    void total_debits_equal_total_credits_across_the_ledger() {
        BalanceSheet books = new BalanceSheet();

        books.post(JournalEntry.of(CUSTODY, PREPAID, 300_000));
        books.post(new JournalEntry(List.of(
                Posting.debit(PREPAID, 50_000), Posting.credit(AWAITING, 20_000), Posting.credit(RELEASABLE, 30_000))));

        assertThat(books.totalDebitFen()).isEqualTo(350_000);
        assertThat(books.totalCreditFen()).isEqualTo(350_000);
    }

    @Test
    void an_account_never_posted_to_has_a_zero_balance() {
        BalanceSheet books = new BalanceSheet();

        assertThat(books.balanceFen(RELEASABLE)).isZero();
        assertThat(books.custodyFen(SCHOOL)).isZero();
        assertThat(books.liabilitiesFen(SCHOOL)).isZero();
        assertThat(books.institutions()).isEmpty();
        assertThat(books.negativeAccounts()).isEmpty();
    }

    @Test
    void an_account_drawn_below_zero_is_reported_as_negative() {
        BalanceSheet books = new BalanceSheet();

        books.post(JournalEntry.of(CUSTODY, PREPAID, 10_000));
        // More consumed than prepaid: the student's balance goes below zero, which a correct ledger never does.
        books.post(JournalEntry.of(PREPAID, AWAITING, 15_000));

        assertThat(books.balanceFen(PREPAID)).isEqualTo(-5_000);
        assertThat(books.negativeAccounts()).containsExactly(PREPAID);
        // The entries still balance, so the institution's identity holds even so.
        assertThat(books.liabilitiesFen(SCHOOL)).isEqualTo(books.custodyFen(SCHOOL));
    }

    @Test
    void a_release_of_money_never_received_drives_custody_and_releasable_negative() {
        BalanceSheet books = new BalanceSheet();

        books.post(JournalEntry.of(RELEASABLE, CUSTODY, 1));

        assertThat(books.custodyFen(SCHOOL)).isEqualTo(-1);
        assertThat(books.balanceFen(RELEASABLE)).isEqualTo(-1);
        assertThat(books.negativeAccounts()).containsExactlyInAnyOrder(CUSTODY, RELEASABLE);
    }
}
