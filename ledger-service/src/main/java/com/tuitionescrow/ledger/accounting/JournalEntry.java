package com.tuitionescrow.ledger.accounting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A balanced set of postings. It cannot be constructed unbalanced: for every institution it
 * touches, its debits equal its credits. Balance per institution (not only overall) is what makes
 * "custody cash equals the sum of the liabilities" hold for each institution after every entry.
 */
public record JournalEntry(List<Posting> postings) {

    public JournalEntry {
        postings = List.copyOf(postings);
        if (postings.size() < 2) {
            throw new IllegalArgumentException("a journal entry has at least two postings");
        }
        Map<String, Long> netByInstitution = new HashMap<>();
        for (Posting posting : postings) {
            netByInstitution.merge(
                    posting.account().institutionId(), Fen.minus(posting.debitFen(), posting.creditFen()), Fen::plus);
        }
        netByInstitution.forEach((institution, net) -> {
            if (net != 0) {
                throw new IllegalArgumentException(
                        "journal entry does not balance for " + institution + ": debits minus credits = " + net);
            }
        });
    }

    /** The common two-line entry: {@code amountFen} debited to one account and credited to another. */
    public static JournalEntry of(AccountCode debited, AccountCode credited, long amountFen) {
        return new JournalEntry(List.of(Posting.debit(debited, amountFen), Posting.credit(credited, amountFen)));
    }

    /** What this entry credits to accounts of the type: how a split entry divided its money. */
    public long creditedFen(AccountType type) {
        return postings.stream()
                .filter(p -> p.account().type() == type)
                .mapToLong(Posting::creditFen)
                .reduce(0, Fen::plus);
    }

    public long totalDebitFen() {
        return postings.stream().mapToLong(Posting::debitFen).reduce(0, Fen::plus);
    }

    public long totalCreditFen() {
        return postings.stream().mapToLong(Posting::creditFen).reduce(0, Fen::plus);
    }
}
