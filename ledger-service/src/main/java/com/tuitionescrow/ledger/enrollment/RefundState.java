package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundApprover;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundRequested;
import com.tuitionescrow.ledger.twophase.InstructionLife;
import java.time.Instant;

/**
 * One refund of a student's order, and once approved, the instruction that carries its money and
 * where the money goes. Immutable: a change replaces it.
 */
record RefundState(
        String refundId,
        String orderId,
        long amountFen,
        int hours,
        RefundStatus status,
        Instant answerBy,
        RefundApprover approvedBy,
        InstructionLife instruction,
        String payeeRef) {

    static RefundState requested(RefundRequested requested) {
        return new RefundState(
                requested.refundId(),
                requested.orderId(),
                requested.amountFen(),
                requested.hours(),
                RefundStatus.AWAITING_INSTITUTION,
                requested.answerBy(),
                null,
                null,
                null);
    }

    RefundState withStatus(RefundStatus newStatus) {
        return new RefundState(
                refundId, orderId, amountFen, hours, newStatus, answerBy, approvedBy, instruction, payeeRef);
    }

    RefundState approvedBy(RefundApprover approver) {
        return new RefundState(
                refundId, orderId, amountFen, hours, RefundStatus.APPROVED, answerBy, approver, instruction, payeeRef);
    }

    RefundState instructed(InstructionLife life, String payee) {
        return new RefundState(refundId, orderId, amountFen, hours, status, answerBy, approvedBy, life, payee);
    }

    /** Whether the window decided it, or would now: no answer of the institution's counts any more. */
    boolean decidedByWindow(Instant now) {
        return status == RefundStatus.AWAITING_INSTITUTION
                ? !now.isBefore(answerBy)
                : approvedBy == RefundApprover.WINDOW;
    }

    /** Requested or contested: its order's lessons and release wait for the answer. */
    boolean isPending() {
        return status == RefundStatus.AWAITING_INSTITUTION || status == RefundStatus.CONTESTED;
    }

    /** Approved and not yet paid: its money is in transit, with the bank or waiting for a regulator. */
    boolean isUnpaid() {
        return status == RefundStatus.APPROVED || status == RefundStatus.UNDELIVERABLE;
    }

    static String instructionIdOf(String refundId) {
        return "RFD-" + refundId;
    }
}
