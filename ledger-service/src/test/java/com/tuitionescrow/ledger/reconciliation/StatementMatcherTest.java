package com.tuitionescrow.ledger.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.api.reconciliation.CreditDebit;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.AmountMismatch;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.BankEntry;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.LedgerFact;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.Reversal;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of reconciliation, one at a time (see {@link StatementMatcher}). */
class StatementMatcherTest {

    private static final String ACCOUNT = "6222020200112233";
    private static final LocalDate DAY = LocalDate.parse("2026-03-02");
    private static final Instant START = DAY.atStartOfDay(LedgerTime.ZONE).toInstant();
    private static final Instant END =
            DAY.plusDays(1).atStartOfDay(LedgerTime.ZONE).toInstant();
    private static final OffsetDateTime MORNING = OffsetDateTime.parse("2026-03-02T09:00:00+08:00");

    @Test
    void a_credit_matches_the_collection_and_a_debit_the_executed_instruction_with_its_reference() {
        StatementMatcher.Findings findings = match(
                statement(0, 200, booked(CreditDebit.CRDT, 300, "TXN-1"), booked(CreditDebit.DBIT, 100, "PAY-1")),
                collection("TXN-1", 300),
                instruction("PAY-1", 100));

        assertThat(findings.matched()).isEqualTo(2);
        assertThat(findings.clean()).isTrue();
    }

    @Test
    void the_direction_is_part_of_the_match_a_credit_never_matches_an_instruction() {
        StatementMatcher.Findings findings =
                match(statement(0, 300, booked(CreditDebit.CRDT, 300, "X-1")), instruction("X-1", 300));

        assertThat(findings.matched()).isZero();
        assertThat(findings.missingInLedger()).containsExactly(bankEntry(CreditDebit.CRDT, 300, "X-1", false));
        assertThat(findings.missingInBank()).containsExactly(instruction("X-1", 300));
    }

    @Test
    void the_same_reference_with_another_amount_is_a_mismatch_not_a_match() {
        StatementMatcher.Findings findings =
                match(statement(0, 301, booked(CreditDebit.CRDT, 301, "TXN-1")), collection("TXN-1", 300));

        assertThat(findings.matched()).isZero();
        assertThat(findings.amountMismatches())
                .containsExactly(new AmountMismatch("TXN-1", CreditDebit.CRDT, 301, 300));
        assertThat(findings.missingInBank()).isEmpty();
        assertThat(findings.clean()).isFalse();
    }

    @Test
    void a_ledger_fact_of_the_period_the_statement_lacks_is_missing_in_the_bank_and_one_of_another_day_is_not() {
        LedgerFact yesterday = new LedgerFact("TXN-0", CreditDebit.CRDT, 50, MORNING.minusDays(1));
        LedgerFact lastMinute =
                new LedgerFact("TXN-9", CreditDebit.CRDT, 70, OffsetDateTime.parse("2026-03-02T23:59:59.999999+08:00"));
        LedgerFact tomorrow =
                new LedgerFact("TXN-10", CreditDebit.CRDT, 80, OffsetDateTime.parse("2026-03-03T00:00:00+08:00"));

        StatementMatcher.Findings findings =
                match(statement(0, 0), yesterday, lastMinute, tomorrow, collection("TXN-2", 60));

        assertThat(findings.missingInBank()).containsExactly(collection("TXN-2", 60), lastMinute);
    }

    @Test
    void a_reversal_cancels_the_earlier_entry_and_neither_is_expected_in_the_ledger() {
        StatementMatcher.Findings findings = match(
                statement(0, 0, booked(CreditDebit.CRDT, 500, "TXN-1"), reversal(CreditDebit.DBIT, 500, "TXN-1")));

        assertThat(findings.reversed()).containsExactly(new Reversal("TXN-1", CreditDebit.CRDT, 500));
        assertThat(findings.missingInLedger()).isEmpty();
        assertThat(findings.matched()).isZero();
        assertThat(findings.clean()).isTrue();
    }

    @Test
    void a_reversed_entry_the_ledger_still_holds_is_missing_in_the_bank_even_from_another_day() {
        LedgerFact earlier = new LedgerFact("TXN-1", CreditDebit.CRDT, 500, MORNING.minusDays(3));

        StatementMatcher.Findings findings = match(
                statement(0, 0, booked(CreditDebit.CRDT, 500, "TXN-1"), reversal(CreditDebit.DBIT, 500, "TXN-1")),
                earlier);

        assertThat(findings.missingInBank()).containsExactly(earlier);
        assertThat(findings.clean()).isFalse();
    }

    @Test
    void a_reversal_with_nothing_to_cancel_in_the_statement_is_missing_in_the_ledger() {
        StatementMatcher.Findings findings = match(
                statement(500, 0, reversal(CreditDebit.DBIT, 500, "TXN-1")),
                new LedgerFact("TXN-1", CreditDebit.CRDT, 500, MORNING.minusDays(1)));

        assertThat(findings.missingInLedger()).containsExactly(bankEntry(CreditDebit.DBIT, 500, "TXN-1", true));
        assertThat(findings.missingInBank()).isEmpty();
        assertThat(findings.reversed()).isEmpty();
    }

    @Test
    void a_reversal_cancels_only_an_earlier_entry_of_the_opposite_direction_and_the_same_amount() {
        StatementMatcher.Findings findings = match(
                statement(
                        0,
                        350,
                        reversal(CreditDebit.DBIT, 500, "TXN-1"),
                        booked(CreditDebit.CRDT, 500, "TXN-1"),
                        booked(CreditDebit.CRDT, 400, "TXN-2"),
                        reversal(CreditDebit.DBIT, 50, "TXN-2")),
                collection("TXN-1", 500),
                collection("TXN-2", 400));

        assertThat(findings.reversed()).isEmpty();
        assertThat(findings.matched()).isEqualTo(2);
        assertThat(findings.missingInLedger())
                .containsExactly(
                        bankEntry(CreditDebit.DBIT, 500, "TXN-1", true),
                        bankEntry(CreditDebit.DBIT, 50, "TXN-2", true));
    }

    @Test
    void of_two_identical_entries_a_reversal_cancels_one_and_the_other_matches() {
        StatementMatcher.Findings findings = match(
                statement(
                        0,
                        500,
                        booked(CreditDebit.CRDT, 500, "TXN-1"),
                        booked(CreditDebit.CRDT, 500, "TXN-1"),
                        reversal(CreditDebit.DBIT, 500, "TXN-1")),
                collection("TXN-1", 500));

        assertThat(findings.reversed()).containsExactly(new Reversal("TXN-1", CreditDebit.CRDT, 500));
        assertThat(findings.matched()).isEqualTo(1);
        assertThat(findings.clean()).isTrue();
    }

    @Test
    void a_ledger_fact_matches_one_entry_at_most() {
        StatementMatcher.Findings findings = match(
                statement(0, 600, booked(CreditDebit.CRDT, 300, "TXN-1"), booked(CreditDebit.CRDT, 300, "TXN-1")),
                collection("TXN-1", 300));

        assertThat(findings.matched()).isEqualTo(1);
        assertThat(findings.missingInLedger()).containsExactly(bankEntry(CreditDebit.CRDT, 300, "TXN-1", false));
    }

    @Test
    void a_pending_entry_is_listed_never_matched_and_not_in_the_balance() {
        BankStatement.Entry pending =
                new BankStatement.Entry(DAY, CreditDebit.CRDT, 700, "TXN-1", EntryStatus.PDNG, false);

        StatementMatcher.Findings findings = match(statement(0, 0, pending), collection("TXN-1", 700));

        assertThat(findings.pending()).containsExactly(bankEntry(CreditDebit.CRDT, 700, "TXN-1", false));
        assertThat(findings.matched()).isZero();
        assertThat(findings.statementConsistent()).isTrue();
        assertThat(findings.missingInBank()).containsExactly(collection("TXN-1", 700));
    }

    @Test
    void a_statement_whose_entries_do_not_lead_from_its_opening_to_its_closing_balance_is_inconsistent() {
        StatementMatcher.Findings findings = match(
                statement(1_000, 1_299, booked(CreditDebit.CRDT, 500, "TXN-1"), booked(CreditDebit.DBIT, 200, "PAY-1")),
                collection("TXN-1", 500),
                instruction("PAY-1", 200));

        assertThat(findings.matched()).isEqualTo(2);
        assertThat(findings.statementConsistent()).isFalse();
        assertThat(findings.clean()).isFalse();
    }

    // ---- fixtures ------------------------------------------------------------------------------

    private static StatementMatcher.Findings match(BankStatement statement, LedgerFact... facts) {
        return StatementMatcher.match(statement, List.of(facts), START, END);
    }

    private static BankStatement statement(long openingFen, long closingFen, BankStatement.Entry... entries) {
        return new BankStatement(ACCOUNT, DAY, DAY, openingFen, closingFen, List.of(entries));
    }

    private static BankStatement.Entry booked(CreditDebit kind, long fen, String ref) {
        return new BankStatement.Entry(DAY, kind, fen, ref, EntryStatus.BOOK, false);
    }

    private static BankStatement.Entry reversal(CreditDebit kind, long fen, String ref) {
        return new BankStatement.Entry(DAY, kind, fen, ref, EntryStatus.BOOK, true);
    }

    private static BankEntry bankEntry(CreditDebit kind, long fen, String ref, boolean reversal) {
        return new BankEntry(ref, kind, fen, DAY, reversal, null);
    }

    private static LedgerFact collection(String ref, long fen) {
        return new LedgerFact(ref, CreditDebit.CRDT, fen, MORNING);
    }

    private static LedgerFact instruction(String ref, long fen) {
        return new LedgerFact(ref, CreditDebit.DBIT, fen, MORNING);
    }
}
