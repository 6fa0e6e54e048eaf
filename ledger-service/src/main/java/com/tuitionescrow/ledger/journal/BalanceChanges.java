package com.tuitionescrow.ledger.journal;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.accounting.Posting;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch of entries adds to each account's balance, per account in the order the batch first
 * touches it: the same totals and last seq as applying the entries one by one.
 *
 * <p>Applied one by one, every entry's balances met the database's check that no balance goes below
 * zero on its normal side; applied as one sum, only the end of the batch would. So each change keeps the
 * lowest point its account reached after any entry of the batch, and {@link Change#requireNeverNegative}
 * refuses a batch that the entries one by one would have been refused for.
 */
final class BalanceChanges {

    /** One account's change over the batch. */
    static final class Change {
        private final AccountCode account;
        private long debitFen;
        private long creditFen;
        private long lastSeq;
        private long lowest;
        private long lowestSeq;

        private Change(AccountCode account) {
            this.account = account;
        }

        AccountCode account() {
            return account;
        }

        long debitFen() {
            return debitFen;
        }

        long creditFen() {
            return creditFen;
        }

        long lastSeq() {
            return lastSeq;
        }

        /**
         * Refuses the change if the account, starting from these totals, went below zero on its normal
         * side after any entry of the batch.
         */
        void requireNeverNegative(long startDebitFen, long startCreditFen) {
            long start = account.normalSide().balance(startDebitFen, startCreditFen);
            if (Fen.plus(start, lowest) < 0) {
                throw new IllegalStateException("Entry " + lowestSeq + " takes " + account + " to "
                        + Fen.plus(start, lowest) + " fen: a balance never goes below zero");
            }
        }
    }

    private final Map<AccountCode, Change> changes = new LinkedHashMap<>();

    /** Adds one entry's postings, as entry {@code seq}. */
    void add(long seq, List<Posting> postings) {
        Map<AccountCode, Change> touched = new LinkedHashMap<>();
        for (Posting posting : postings) {
            Change change = changes.computeIfAbsent(posting.account(), Change::new);
            change.debitFen = Fen.plus(change.debitFen, posting.debitFen());
            change.creditFen = Fen.plus(change.creditFen, posting.creditFen());
            change.lastSeq = seq;
            touched.put(posting.account(), change);
        }
        for (Change change : touched.values()) {
            long balance = change.account.normalSide().balance(change.debitFen, change.creditFen);
            if (balance < change.lowest) {
                change.lowest = balance;
                change.lowestSeq = seq;
            }
        }
    }

    Collection<Change> all() {
        return changes.values();
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }
}
