package com.tuitionescrow.ledger.accounting;

import java.util.Objects;

/** One line of a journal entry: a debit or a credit to one account, never both, never zero. */
public record Posting(AccountCode account, long debitFen, long creditFen) {

    public Posting {
        Objects.requireNonNull(account, "account");
        if (debitFen < 0 || creditFen < 0) {
            throw new IllegalArgumentException("a posting's amounts are not negative: " + debitFen + "/" + creditFen);
        }
        if ((debitFen > 0) == (creditFen > 0)) {
            throw new IllegalArgumentException("a posting is a debit or a credit: " + debitFen + "/" + creditFen);
        }
    }

    public static Posting debit(AccountCode account, long fen) {
        return new Posting(account, Fen.requirePositive(fen, "debit"), 0);
    }

    public static Posting credit(AccountCode account, long fen) {
        return new Posting(account, 0, Fen.requirePositive(fen, "credit"));
    }
}
