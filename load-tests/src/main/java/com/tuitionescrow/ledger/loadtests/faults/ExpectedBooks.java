package com.tuitionescrow.ledger.loadtests.faults;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an institution's books must show once every request is answered, from the acknowledged ones
 * alone (docs/domain.md, the chart of accounts): custody holds every collection; a reported lesson's
 * money awaits confirmation until it is confirmed, and is releasable after; the rest is still
 * prepaid. Each acknowledged money request moves its amount once: a retry applied twice shows as
 * more, one lost as less.
 */
record ExpectedBooks(
        long custodyFen,
        long awaitingConfirmationFen,
        long releasableFen,
        int collections,
        int lessons,
        int confirmations) {

    static final ExpectedBooks NONE = new ExpectedBooks(0, 0, 0, 0, 0, 0);

    long prepaidFen() {
        return custodyFen - awaitingConfirmationFen - releasableFen;
    }

    /** Journal entries these requests post: one per collection applied, lesson reported, lesson confirmed. */
    int entries() {
        return collections + lessons + confirmations;
    }

    /** By institution id, in order. */
    static Map<String, ExpectedBooks> of(Collection<Op> acknowledged) {
        Map<String, ExpectedBooks> books = new TreeMap<>();
        for (Op op : acknowledged) {
            books.merge(op.institutionId(), NONE.with(op), (before, none) -> before.with(op));
        }
        return books;
    }

    private ExpectedBooks with(Op op) {
        long fen = op.amountFen();
        return switch (op.kind()) {
            case INSTITUTION, ORDER -> this;
            case COLLECTION ->
                new ExpectedBooks(
                        Math.addExact(custodyFen, fen),
                        awaitingConfirmationFen,
                        releasableFen,
                        collections + 1,
                        lessons,
                        confirmations);
            case LESSON ->
                new ExpectedBooks(
                        custodyFen,
                        Math.addExact(awaitingConfirmationFen, fen),
                        releasableFen,
                        collections,
                        lessons + 1,
                        confirmations);
            case CONFIRMATION ->
                new ExpectedBooks(
                        custodyFen,
                        Math.subtractExact(awaitingConfirmationFen, fen),
                        Math.addExact(releasableFen, fen),
                        collections,
                        lessons,
                        confirmations + 1);
        };
    }
}
