package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundRequested;
import java.time.Instant;

/** One refund of a student's order. Immutable: a change replaces it. */
record RefundState(String refundId, String orderId, long amountFen, int hours, RefundStatus status, Instant answerBy) {

    static RefundState requested(RefundRequested requested) {
        return new RefundState(requested.refundId(), requested.orderId(), requested.amountFen(), requested.hours(),
                RefundStatus.AWAITING_INSTITUTION, requested.answerBy());
    }

    RefundState withStatus(RefundStatus newStatus) {
        return new RefundState(refundId, orderId, amountFen, hours, newStatus, answerBy);
    }

    /** Requested or contested: its order's lessons and release wait for the answer. */
    boolean isPending() {
        return status == RefundStatus.AWAITING_INSTITUTION || status == RefundStatus.CONTESTED;
    }

    static String instructionIdOf(String refundId) {
        return "RFD-" + refundId;
    }
}
