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
        post(entry.postings());
    }

    /**
     * Posts lines as stored, balanced or not: a verifier replays what is there and judges it, rather
     * than refuse to read a tampered entry.
     */
    public void post(List<Posting> postings) {
        for (Posting posting : postings) {
            long[] t = totals.computeIfAbsent(posting.account(), a -> new long[2]);
            t[0] = Fen.plus(t[0], posting.debitFen());
            t[1] = Fen.plus(t[1], posting.creditFen());
            totalDebitFen = Fen.plus(totalDebitFen, posting.debitFen());
            totalCreditFen = Fen.plus(totalCreditFen, posting.creditFen());
        }
    }

    /** The debit and credit totals of every account posted to. */
    public Map<AccountCode, long[]> totals() {
        Map<AccountCode, long[]> copy = new HashMap<>();
        totals.forEach((account, t) -> copy.put(account, t.clone()));
        return copy;
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
                .filter(a ->
                        a.institutionId().equals(institutionId) && !a.type().isAsset())
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
