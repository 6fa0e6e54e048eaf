package com.tuitionescrow.ledger.accounting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Balances kept in memory from a stream of journal entries, with the ledger's invariants as
 * queries. Used to replay the journal independently of the stored projections.
 */
public final class BalanceSheet {

    private final Map<AccountCode, long[]> totals = new HashMap<>();
    private long totalDebitFen;
    private long totalCreditFen;

    public void post(JournalEntry entry) {
        for (Posting posting : entry.postings()) {
            long[] t = totals.computeIfAbsent(posting.account(), a -> new long[2]);
            t[0] = Fen.plus(t[0], posting.debitFen());
            t[1] = Fen.plus(t[1], posting.creditFen());
        }
        totalDebitFen = Fen.plus(totalDebitFen, entry.totalDebitFen());
        totalCreditFen = Fen.plus(totalCreditFen, entry.totalCreditFen());
    }

    /** The account's balance on its normal side; zero for an account never posted to. */
    public long balanceFen(AccountCode account) {
        long[] t = totals.getOrDefault(account, new long[2]);
        return account.normalSide().balance(t[0], t[1]);
    }

    public long totalDebitFen() {
        return totalDebitFen;
    }

    public long totalCreditFen() {
        return totalCreditFen;
    }

    public Set<String> institutions() {
        Set<String> institutions = new TreeSet<>();
        totals.keySet().forEach(a -> institutions.add(a.institutionId()));
        return institutions;
    }

    public long custodyFen(String institutionId) {
        return balanceFen(AccountCode.of(AccountType.CUSTODY_CASH, institutionId));
    }

    /** Everything the institution's custody account holds for someone. */
    public long liabilitiesFen(String institutionId) {
        return totals.keySet().stream()
                .filter(a -> a.institutionId().equals(institutionId) && !a.type().isAsset())
                .mapToLong(this::balanceFen)
                .reduce(0, Fen::plus);
    }

    /** Accounts whose balance is below zero on their normal side: none, in a correct ledger. */
    public List<AccountCode> negativeAccounts() {
        List<AccountCode> negative = new ArrayList<>();
        totals.keySet().forEach(a -> {
            if (balanceFen(a) < 0) {
                negative.add(a);
            }
        });
        return negative;
    }
}
