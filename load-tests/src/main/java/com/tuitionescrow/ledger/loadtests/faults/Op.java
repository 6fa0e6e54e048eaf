package com.tuitionescrow.ledger.loadtests.faults;

import java.util.function.Supplier;

/**
 * One request of the cycle under its client-chosen id, kept so that it can be sent again, byte for
 * byte, until the ledger answers it: after a crash or an outage the outcome of an unanswered call is
 * unknown, and only the same call again (the same id, the same body) may learn it.
 *
 * @param amountFen the money it moves: the order's price, the collection, the lesson's value; 0 for an institution
 * @param call      sends it once; returns the 2xx answer or throws the client's exception
 */
record Op(Kind kind, String id, String institutionId, String orderId, long amountFen, Supplier<?> call) {

    enum Kind {
        INSTITUTION,
        ORDER,
        COLLECTION,
        LESSON,
        CONFIRMATION
    }

    @Override
    public String toString() {
        return kind + " " + id;
    }
}
