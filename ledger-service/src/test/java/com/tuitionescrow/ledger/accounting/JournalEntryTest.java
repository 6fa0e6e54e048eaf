package com.tuitionescrow.ledger.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A journal entry balances for every institution it touches, or it does not exist. */
class JournalEntryTest {

    private static final String SCHOOL = "91350100M000100Y43";
    private static final String OTHER_SCHOOL = "91110000600037341L";

    private static final AccountCode CUSTODY = AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL);
    private static final AccountCode PREPAID = AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, "stu-1");
    private static final AccountCode OTHER_PREPAID =
            AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, "stu-2");
    private static final AccountCode OTHER_SCHOOL_SUSPENSE = AccountCode.of(AccountType.SUSPENSE, OTHER_SCHOOL);
    private static final AccountCode OTHER_SCHOOL_CUSTODY = AccountCode.of(AccountType.CUSTODY_CASH, OTHER_SCHOOL);

    @Test
    void a_two_line_entry_debits_one_account_and_credits_the_other_with_the_same_amount() {
        JournalEntry entry = JournalEntry.of(CUSTODY, PREPAID, 300_000);

        assertThat(entry.postings())
                .containsExactly(new Posting(CUSTODY, 300_000, 0), new Posting(PREPAID, 0, 300_000));
        assertThat(entry.totalDebitFen()).isEqualTo(300_000);
        assertThat(entry.totalCreditFen()).isEqualTo(300_000);
    }

    @Test
    void a_split_credit_balances_when_its_lines_add_up_to_the_debit() {
        JournalEntry entry = new JournalEntry(
                List.of(Posting.debit(CUSTODY, 500), Posting.credit(PREPAID, 200), Posting.credit(OTHER_PREPAID, 300)));

        assertThat(entry.totalDebitFen()).isEqualTo(500);
        assertThat(entry.totalCreditFen()).isEqualTo(500);
    }

    @Test
    void debits_exceeding_credits_cannot_be_constructed() {
        assertThatThrownBy(() -> new JournalEntry(List.of(Posting.debit(CUSTODY, 101), Posting.credit(PREPAID, 100))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SCHOOL)
                .hasMessageContaining("= 1");
    }

    @Test
    void credits_exceeding_debits_cannot_be_constructed() {
        assertThatThrownBy(() -> new JournalEntry(List.of(Posting.debit(CUSTODY, 100), Posting.credit(PREPAID, 101))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("= -1");
    }

    @Test
    void an_entry_balanced_overall_but_not_per_institution_cannot_be_constructed() {
        // One school's cash may not fund another school's liability: each custody account covers its own.
        List<Posting> crossInstitution =
                List.of(Posting.debit(CUSTODY, 100), Posting.credit(OTHER_SCHOOL_SUSPENSE, 100));

        assertThatThrownBy(() -> new JournalEntry(crossInstitution))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not balance");
    }

    @Test
    void an_entry_touching_two_institutions_is_accepted_when_each_balances_on_its_own() {
        JournalEntry entry = new JournalEntry(List.of(
                Posting.debit(CUSTODY, 100), Posting.credit(PREPAID, 100),
                Posting.debit(OTHER_SCHOOL_CUSTODY, 7), Posting.credit(OTHER_SCHOOL_SUSPENSE, 7)));

        assertThat(entry.totalDebitFen()).isEqualTo(107);
        assertThat(entry.totalCreditFen()).isEqualTo(107);
    }

    @Test
    void fewer_than_two_postings_are_refused() {
        assertThatThrownBy(() -> new JournalEntry(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two postings");
        assertThatThrownBy(() -> new JournalEntry(List.of(Posting.debit(CUSTODY, 100))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two postings");
    }

    @Test
    void the_entry_keeps_its_own_copy_of_the_postings() {
        List<Posting> postings =
                new java.util.ArrayList<>(List.of(Posting.debit(CUSTODY, 100), Posting.credit(PREPAID, 100)));
        JournalEntry entry = new JournalEntry(postings);

        postings.add(Posting.debit(CUSTODY, 1));

        assertThat(entry.postings()).hasSize(2);
        assertThatThrownBy(() -> entry.postings().add(Posting.credit(PREPAID, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_posting_of_zero_is_refused() {
        assertThatThrownBy(() -> new Posting(CUSTODY, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Posting.debit(CUSTODY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Posting.credit(CUSTODY, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_negative_posting_is_refused() {
        assertThatThrownBy(() -> new Posting(CUSTODY, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Posting(CUSTODY, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Posting(CUSTODY, -5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Posting.debit(CUSTODY, -100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Posting.credit(CUSTODY, -100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_posting_that_both_debits_and_credits_is_refused() {
        assertThatThrownBy(() -> new Posting(CUSTODY, 100, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a debit or a credit");
    }

    @Test
    void a_posting_needs_an_account() {
        assertThatThrownBy(() -> new Posting(null, 100, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void an_entry_tells_what_it_credits_to_each_type_of_account() {
        AccountCode releasable = AccountCode.of(AccountType.RELEASABLE, "91350100M000100Y43");
        AccountCode heldBack = AccountCode.of(AccountType.HELD_BACK, "91350100M000100Y43");
        JournalEntry split = new JournalEntry(
                List.of(Posting.debit(CUSTODY, 1_000), Posting.credit(releasable, 700), Posting.credit(heldBack, 300)));

        assertThat(split.creditedFen(AccountType.RELEASABLE)).isEqualTo(700);
        assertThat(split.creditedFen(AccountType.HELD_BACK)).isEqualTo(300);
        assertThat(split.creditedFen(AccountType.CUSTODY_CASH)).isZero();
    }
}
