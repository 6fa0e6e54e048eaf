package com.tuitionescrow.ledger.enrollment;

import static com.tuitionescrow.ledger.schema.Tables.COURSE_ORDER;
import static com.tuitionescrow.ledger.schema.Tables.REFUND;
import static org.jooq.impl.DSL.select;

import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundApproved;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundContested;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundDenied;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundExecuted;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundFailed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundReinstructed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundRequested;
import com.tuitionescrow.ledger.platform.axon.Projection;
import com.tuitionescrow.ledger.platform.axon.Projection.Runs;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Refunds as the platform, the institution and the regulator read them, written with their command. */
@Component
@ProcessingGroup(OrderProjection.GROUP)
@Projection(Runs.IN_COMMAND_TRANSACTION)
class RefundProjection {

    private final DSLContext db;

    RefundProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(RefundRequested event) {
        db.insertInto(REFUND)
                .set(REFUND.REFUND_ID, event.refundId())
                .set(REFUND.ORDER_ID, event.orderId())
                .set(REFUND.ACCOUNT_ID, event.accountId())
                .set(
                        REFUND.INSTITUTION_ID,
                        select(COURSE_ORDER.INSTITUTION_ID)
                                .from(COURSE_ORDER)
                                .where(COURSE_ORDER.ORDER_ID.eq(event.orderId())))
                .set(
                        REFUND.STUDENT_ID,
                        select(COURSE_ORDER.STUDENT_ID)
                                .from(COURSE_ORDER)
                                .where(COURSE_ORDER.ORDER_ID.eq(event.orderId())))
                .set(REFUND.AMOUNT_FEN, event.amountFen())
                .set(REFUND.HOURS, event.hours())
                .set(REFUND.STATUS, RefundStatus.AWAITING_INSTITUTION.name())
                .set(REFUND.REASON, event.reason())
                .set(REFUND.REQUESTED_AT, utc(event.requestedAt()))
                .set(REFUND.ANSWER_BY, utc(event.answerBy()))
                .execute();
    }

    @EventHandler
    void on(RefundContested event) {
        answer(event.refundId(), RefundStatus.CONTESTED, event.reason(), event.contestedAt());
    }

    @EventHandler
    void on(RefundDenied event) {
        answer(event.refundId(), RefundStatus.DENIED, event.reason(), event.deniedAt());
    }

    @EventHandler
    void on(RefundApproved event) {
        db.update(REFUND)
                .set(REFUND.STATUS, RefundStatus.APPROVED.name())
                .set(REFUND.APPROVED_BY, event.approvedBy().name())
                .set(REFUND.INSTRUCTION_ID, event.instructionId())
                .set(REFUND.ANSWERED_AT, utc(event.approvedAt()))
                .where(REFUND.REFUND_ID.eq(event.refundId()))
                .execute();
    }

    @EventHandler
    void on(RefundExecuted event) {
        setStatus(event.refundId(), RefundStatus.REFUNDED);
    }

    /** A failure with attempts left changes nothing a client reads: the refund stays APPROVED. */
    @EventHandler
    void on(RefundFailed event) {
        if (event.undeliverable()) {
            setStatus(event.refundId(), RefundStatus.UNDELIVERABLE);
        }
    }

    @EventHandler
    void on(RefundReinstructed event) {
        db.update(REFUND)
                .set(REFUND.STATUS, RefundStatus.APPROVED.name())
                .set(REFUND.INSTRUCTION_ID, event.instructionId())
                .where(REFUND.REFUND_ID.eq(event.refundId()))
                .execute();
    }

    private void answer(String refundId, RefundStatus status, String reason, Instant at) {
        db.update(REFUND)
                .set(REFUND.STATUS, status.name())
                .set(REFUND.ANSWER_REASON, reason)
                .set(REFUND.ANSWERED_AT, utc(at))
                .where(REFUND.REFUND_ID.eq(refundId))
                .execute();
    }

    private void setStatus(String refundId, RefundStatus status) {
        db.update(REFUND)
                .set(REFUND.STATUS, status.name())
                .where(REFUND.REFUND_ID.eq(refundId))
                .execute();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
