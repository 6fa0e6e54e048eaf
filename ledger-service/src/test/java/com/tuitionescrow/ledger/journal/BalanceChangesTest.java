package com.tuitionescrow.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.Posting;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A batch's balance changes add up to the entries one by one, and keep what each entry alone was checked for. */
class BalanceChangesTest {

    private static final String SCHOOL = "91350100M000100Y43";
    private static final AccountCode CUSTODY = AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL);
    private static final AccountCode PREPAID = AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, "stu-1");
    private static final AccountCode AWAITING = AccountCode.of(AccountType.AWAITING_CONFIRMATION, SCHOOL);

    private static BalanceChanges.Change changeOf(BalanceChanges changes, AccountCode account) {
        return changes.all().stream()
                .filter(c -> c.account().equals(account))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void the_totals_and_last_seq_of_each_account_are_those_of_its_entries_in_the_order_first_touched() {
        BalanceChanges changes = new BalanceChanges();
        changes.add(7, List.of(Posting.debit(CUSTODY, 300), Posting.credit(PREPAID, 300)));
        changes.add(8, List.of(Posting.debit(PREPAID, 100), Posting.credit(AWAITING, 100)));
        changes.add(9, List.of(Posting.debit(CUSTODY, 50), Posting.credit(PREPAID, 50)));

        assertThat(changes.all())
                .extracting(
                        BalanceChanges.Change::account,
                        BalanceChanges.Change::debitFen,
                        BalanceChanges.Change::creditFen,
                        BalanceChanges.Change::lastSeq)
                .containsExactly(
                        tuple(CUSTODY, 350L, 0L, 9L), tuple(PREPAID, 100L, 350L, 9L), tuple(AWAITING, 0L, 100L, 8L));
    }

    @Test
    void a_balance_below_zero_after_one_entry_is_refused_though_the_batch_ends_above_it() {
        BalanceChanges changes = new BalanceChanges();
        changes.add(7, List.of(Posting.debit(PREPAID, 150), Posting.credit(AWAITING, 150)));
        changes.add(8, List.of(Posting.debit(CUSTODY, 200), Posting.credit(PREPAID, 200)));
        BalanceChanges.Change prepaid = changeOf(changes, PREPAID);

        assertThatThrownBy(() -> prepaid.requireNeverNegative(0, 100))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Entry 7")
                .hasMessageContaining("-50 fen");
        assertThatCode(() -> prepaid.requireNeverNegative(0, 150)).doesNotThrowAnyException();
        assertThatCode(() -> prepaid.requireNeverNegative(1_000, 1_150)).doesNotThrowAnyException();
    }

    @Test
    void custody_cash_is_checked_on_its_debit_side() {
        BalanceChanges changes = new BalanceChanges();
        changes.add(3, List.of(Posting.debit(AWAITING, 80), Posting.credit(CUSTODY, 80)));
        BalanceChanges.Change custody = changeOf(changes, CUSTODY);

        assertThatThrownBy(() -> custody.requireNeverNegative(50, 0)).hasMessageContaining("-30 fen");
        assertThatCode(() -> custody.requireNeverNegative(80, 0)).doesNotThrowAnyException();
    }
}
