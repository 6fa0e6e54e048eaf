package com.tuitionescrow.ledger.enrollment;

import static com.tuitionescrow.ledger.schema.Tables.REFUND;

import com.tuitionescrow.ledger.api.refund.RefundResponse;
import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.schema.tables.records.RefundRecord;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class RefundQueries {

    /** Where a refund lives: its student account and institution. */
    record RefundLocation(String refundId, String accountId, String institutionId) {}

    private final DSLContext db;

    RefundQueries(DSLContext db) {
        this.db = db;
    }

    Optional<RefundResponse> find(String refundId) {
        return db.selectFrom(REFUND).where(REFUND.REFUND_ID.eq(refundId)).fetchOptional(RefundQueries::toResponse);
    }

    Optional<RefundLocation> locate(String refundId) {
        return db.select(REFUND.REFUND_ID, REFUND.ACCOUNT_ID, REFUND.INSTITUTION_ID)
                .from(REFUND)
                .where(REFUND.REFUND_ID.eq(refundId))
                .fetchOptional(r -> new RefundLocation(r.value1(), r.value2(), r.value3()));
    }

    /** Refunds the institution did not answer before their window closed. */
    List<RefundLocation> pastWindow(Instant asOf, int limit) {
        return db.select(REFUND.REFUND_ID, REFUND.ACCOUNT_ID, REFUND.INSTITUTION_ID)
                .from(REFUND)
                .where(
                        REFUND.STATUS.eq(RefundStatus.AWAITING_INSTITUTION.name()),
                        REFUND.ANSWER_BY.le(asOf.atOffset(ZoneOffset.UTC)))
                .orderBy(REFUND.ANSWER_BY)
                .limit(limit)
                .fetch(r -> new RefundLocation(r.value1(), r.value2(), r.value3()));
    }

    static RefundResponse toResponse(RefundRecord r) {
        return new RefundResponse(
                r.getRefundId(),
                r.getOrderId(),
                r.getInstitutionId(),
                r.getStudentId(),
                r.getAmountFen(),
                r.getHours(),
                RefundStatus.valueOf(r.getStatus()),
                r.getReason(),
                r.getAnswerReason(),
                LedgerTime.offsetOf(r.getRequestedAt().toInstant()),
                LedgerTime.offsetOf(r.getAnswerBy().toInstant()),
                r.getInstructionId());
    }
}
