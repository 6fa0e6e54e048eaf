package com.tuitionescrow.ledger.reconciliation;

import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.api.reconciliation.CreditDebit;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.AmountMismatch;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.BankEntry;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.LedgerFact;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.Reversal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of reconciliation, plain Java:
 * <ol>
 * <li>Only booked (BOOK) entries are matched and counted in the balances; pending (PDNG) entries
 *     are listed and nothing more.</li>
 * <li>A reversal cancels the latest earlier entry of the statement with the same reference, the
 *     opposite direction and the same amount: the bank says the money came and went, so the pair
 *     is expected in the ledger as nothing. If the ledger does hold that fact, it is missing in the
 *     bank. A reversal with nothing to cancel in the statement (its entry was on an earlier one)
 *     is a movement the ledger has no fact for: missing in the ledger.</li>
 * <li>A credit matches the ledger's collection with that {@code bankTxnId}; a debit matches the
 *     executed instruction whose bank transaction it was. Each ledger fact matches one entry at
 *     most. The same reference with another amount is an amount mismatch. An entry without a
 *     reference (a fee, interest), or with one in a form the ledger never issues, matches nothing:
 *     it is missing in the ledger, a finding with what identifies it, and the report goes on.</li>
 * <li>A ledger fact of the statement's period that no entry accounts for is missing in the bank.</li>
 * <li>The statement is consistent when its opening balance plus its booked entries is its closing
 *     balance.</li>
 * </ol>
 */
final class StatementMatcher {

    record Findings(
            int matched,
            List<BankEntry> missingInLedger,
            List<LedgerFact> missingInBank,
            List<AmountMismatch> amountMismatches,
            List<BankEntry> pending,
            List<Reversal> reversed,
            boolean statementConsistent) {

        /** Nothing missing or mismatched, and the statement adds up. */
        boolean clean() {
            return statementConsistent
                    && missingInLedger.isEmpty()
                    && missingInBank.isEmpty()
                    && amountMismatches.isEmpty();
        }
    }

    private record Key(CreditDebit kind, String bankRef) {}

    private StatementMatcher() {}

    /**
     * @param facts       the ledger's facts of the account: those of the period, and any other whose
     *                    reference the statement names
     * @param periodStart the start of the statement's first day, Beijing time
     * @param periodEnd   the start of the day after its last day
     */
    static Findings match(BankStatement statement, List<LedgerFact> facts, Instant periodStart, Instant periodEnd) {
        List<BankStatement.Entry> booked = new ArrayList<>();
        List<BankEntry> pending = new ArrayList<>();
        for (BankStatement.Entry entry : statement.entries()) {
            if (entry.booked()) {
                booked.add(entry);
            } else {
                pending.add(view(entry));
            }
        }
        Set<Integer> cancelled = cancelledByReversals(booked);

        Map<Key, Deque<LedgerFact>> unused = new HashMap<>();
        for (LedgerFact fact : facts) {
            unused.computeIfAbsent(new Key(fact.kind(), fact.bankRef()), k -> new ArrayDeque<>())
                    .add(fact);
        }
        int matched = 0;
        List<BankEntry> missingInLedger = new ArrayList<>();
        List<AmountMismatch> mismatches = new ArrayList<>();
        for (int i = 0; i < booked.size(); i++) {
            BankStatement.Entry entry = booked.get(i);
            if (cancelled.contains(i)) {
                continue;
            }
            // The ledger records no reversals, so a reversal left standing has no fact to match; nor does an
            // entry the bank gave no reference.
            LedgerFact fact = entry.reversal() || entry.bankRef() == null
                    ? null
                    : take(unused, new Key(entry.kind(), entry.bankRef()));
            if (fact == null) {
                missingInLedger.add(view(entry));
            } else if (fact.amountFen() == entry.amountFen()) {
                matched++;
            } else {
                mismatches.add(new AmountMismatch(entry.bankRef(), entry.kind(), entry.amountFen(), fact.amountFen()));
            }
        }

        List<Reversal> reversed = new ArrayList<>();
        List<LedgerFact> missingInBank = new ArrayList<>();
        for (int i = 0; i < booked.size(); i++) {
            BankStatement.Entry entry = booked.get(i);
            if (cancelled.contains(i) && !entry.reversal()) {
                reversed.add(new Reversal(entry.bankRef(), entry.kind(), entry.amountFen()));
                LedgerFact stillHeld = take(unused, new Key(entry.kind(), entry.bankRef()));
                if (stillHeld != null) {
                    missingInBank.add(stillHeld);
                }
            }
        }
        unused.values()
                .forEach(left -> left.stream()
                        .filter(fact -> !fact.occurredAt().toInstant().isBefore(periodStart)
                                && fact.occurredAt().toInstant().isBefore(periodEnd))
                        .forEach(missingInBank::add));
        missingInBank.sort(Comparator.comparing((LedgerFact f) -> f.occurredAt().toInstant())
                .thenComparing(LedgerFact::bankRef));

        // Every booked entry is accounted for exactly once: matched, missing, mismatched, or one of a reversed pair.
        if (matched + missingInLedger.size() + mismatches.size() + 2 * reversed.size() != booked.size()) {
            throw new IllegalStateException("a booked entry of the statement was lost or counted twice");
        }
        return new Findings(
                matched, missingInLedger, missingInBank, mismatches, pending, reversed, addsUp(statement, booked));
    }

    /** Indexes of the booked entries that a reversal and the entry it reverses cancel, both of them. */
    private static Set<Integer> cancelledByReversals(List<BankStatement.Entry> booked) {
        Map<Key, Deque<Integer>> open = new HashMap<>();
        Set<Integer> cancelled = new LinkedHashSet<>();
        for (int i = 0; i < booked.size(); i++) {
            BankStatement.Entry entry = booked.get(i);
            if (entry.bankRef() == null) {
                // Without a reference nothing says which entry a reversal cancels: both are left standing.
                continue;
            }
            if (!entry.reversal()) {
                open.computeIfAbsent(new Key(entry.kind(), entry.bankRef()), k -> new ArrayDeque<>())
                        .push(i);
                continue;
            }
            Deque<Integer> candidates =
                    open.getOrDefault(new Key(entry.kind().opposite(), entry.bankRef()), new ArrayDeque<>());
            for (Integer original : candidates) {
                if (booked.get(original).amountFen() == entry.amountFen()) {
                    candidates.remove(original);
                    cancelled.add(original);
                    cancelled.add(i);
                    break;
                }
            }
        }
        return cancelled;
    }

    private static boolean addsUp(BankStatement statement, List<BankStatement.Entry> booked) {
        long balance = statement.openingFen();
        for (BankStatement.Entry entry : booked) {
            balance = Fen.plus(balance, entry.signedFen());
        }
        return balance == statement.closingFen();
    }

    private static LedgerFact take(Map<Key, Deque<LedgerFact>> unused, Key key) {
        Deque<LedgerFact> candidates = unused.get(key);
        return candidates == null ? null : candidates.poll();
    }

    private static BankEntry view(BankStatement.Entry entry) {
        return new BankEntry(
                entry.bankRef(),
                entry.kind(),
                entry.amountFen(),
                entry.bookingDate(),
                entry.reversal(),
                entry.identifiedBy());
    }
}
