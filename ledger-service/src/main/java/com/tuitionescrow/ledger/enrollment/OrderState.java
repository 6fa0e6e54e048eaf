package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderPlaced;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One order as a student's prepaid account sees it: what is left of it, and where its consumed
 * money stands (releasable now, or held back until the order completes). Immutable: every change
 * replaces it.
 */
record OrderState(
        String orderId,
        String subject,
        CourseMode mode,
        long pricePerHourFen,
        int hours,
        long amountFen,
        LocalDate startDate,
        LocalDate endDate,
        Instant payBy,
        OrderStatus status,
        int consumedHours,
        int refundedHours,
        String collectionBankTxnId,
        Instant paidAt,
        long releasableFen,
        long heldBackFen) {

    static OrderState placed(OrderPlaced placed) {
        return new OrderState(
                placed.orderId(),
                placed.subject(),
                placed.mode(),
                placed.pricePerHourFen(),
                placed.hours(),
                placed.amountFen(),
                placed.startDate(),
                placed.endDate(),
                placed.payBy(),
                OrderStatus.AWAITING_PAYMENT,
                0,
                0,
                null,
                null,
                0,
                0);
    }

    OrderState withStatus(OrderStatus newStatus) {
        return with(newStatus, consumedHours, refundedHours, collectionBankTxnId, paidAt, releasableFen, heldBackFen);
    }

    /** Paid by the bank's transaction {@code bankTxnId}, received at {@code receivedAt}. */
    OrderState paidBy(String bankTxnId, Instant receivedAt) {
        return with(OrderStatus.PAID, consumedHours, refundedHours, bankTxnId, receivedAt, releasableFen, heldBackFen);
    }

    /** Hours reported (or, negative, given back by a reversal). */
    OrderState consuming(int moreHours) {
        return settled(consumedHours + moreHours, refundedHours);
    }

    /** Hours refunded (or, negative, back after a failed refund). */
    OrderState refunding(int moreHours) {
        return settled(consumedHours, refundedHours + moreHours);
    }

    /** Moves consumed money between releasable and held back (either may be negative). */
    OrderState releasing(long releasableChangeFen, long heldBackChangeFen) {
        return with(
                status,
                consumedHours,
                refundedHours,
                collectionBankTxnId,
                paidAt,
                Fen.plus(releasableFen, releasableChangeFen),
                Fen.plus(heldBackFen, heldBackChangeFen));
    }

    int remainingHours() {
        return hours - consumedHours - refundedHours;
    }

    long unconsumedFen() {
        return Fen.times(pricePerHourFen, remainingHours());
    }

    boolean isPaid() {
        return status == OrderStatus.PAID || status == OrderStatus.COMPLETED || status == OrderStatus.REFUNDED;
    }

    boolean holdsReservation() {
        return status == OrderStatus.AWAITING_PAYMENT || status == OrderStatus.PAID;
    }

    boolean isOverdue(Instant now) {
        return status == OrderStatus.AWAITING_PAYMENT && !now.isBefore(payBy);
    }

    /** A paid order is PAID while hours remain, then COMPLETED, or REFUNDED if some were refunded. */
    private OrderState settled(int consumed, int refunded) {
        int remaining = hours - consumed - refunded;
        if (remaining < 0 || consumed < 0 || refunded < 0) {
            throw new IllegalStateException("order " + orderId + " cannot have " + consumed + " consumed and "
                    + refunded + " refunded of " + hours + " hours");
        }
        OrderStatus settledStatus =
                remaining > 0 ? OrderStatus.PAID : refunded > 0 ? OrderStatus.REFUNDED : OrderStatus.COMPLETED;
        return with(settledStatus, consumed, refunded, collectionBankTxnId, paidAt, releasableFen, heldBackFen);
    }

    /** The same course with its progress replaced: what an order's events change. */
    private OrderState with(
            OrderStatus newStatus,
            int consumed,
            int refunded,
            String bankTxnId,
            Instant paid,
            long releasable,
            long heldBack) {
        return new OrderState(
                orderId,
                subject,
                mode,
                pricePerHourFen,
                hours,
                amountFen,
                startDate,
                endDate,
                payBy,
                newStatus,
                consumed,
                refunded,
                bankTxnId,
                paid,
                releasable,
                heldBack);
    }
}
