package com.tuitionescrow.ledger.bank;

import static com.tuitionescrow.ledger.schema.Tables.BANK_COLLECTION;
import static com.tuitionescrow.ledger.schema.Tables.COURSE_ORDER;
import static org.jooq.impl.DSL.select;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.api.bank.CollectionStatus;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReceiptRecorded;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.CollectionApplied;
import com.tuitionescrow.ledger.platform.axon.EventTimestamps;
import com.tuitionescrow.ledger.platform.axon.Projection;
import com.tuitionescrow.ledger.platform.axon.Projection.Runs;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Every receipt the bank reported, applied or in suspense: what statements are reconciled against. */
@Component
@ProcessingGroup(CollectionProjection.GROUP)
@Projection(Runs.IN_COMMAND_TRANSACTION)
class CollectionProjection {

    static final String GROUP = "bank-views";

    private final DSLContext db;

    CollectionProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(CollectionApplied event, @Timestamp Instant recordedAt) {
        db.insertInto(BANK_COLLECTION)
                .set(BANK_COLLECTION.BANK_TXN_ID, event.bankTxnId())
                .set(BANK_COLLECTION.ORDER_ID, event.orderId())
                .set(
                        BANK_COLLECTION.INSTITUTION_ID,
                        select(COURSE_ORDER.INSTITUTION_ID)
                                .from(COURSE_ORDER)
                                .where(COURSE_ORDER.ORDER_ID.eq(event.orderId())))
                .set(BANK_COLLECTION.CUSTODY_ACCOUNT_NO, event.custodyAccountNo())
                .set(BANK_COLLECTION.AMOUNT_FEN, event.amountFen())
                .set(BANK_COLLECTION.RECEIVED_AT, event.receivedAt().atOffset(ZoneOffset.UTC))
                .set(BANK_COLLECTION.STATUS, CollectionStatus.APPLIED.name())
                .set(
                        BANK_COLLECTION.RECORDED_AT,
                        EventTimestamps.asStored(recordedAt).atOffset(ZoneOffset.UTC))
                .execute();
    }

    @EventHandler
    void on(SuspenseReceiptRecorded event) {
        db.insertInto(BANK_COLLECTION)
                .set(BANK_COLLECTION.BANK_TXN_ID, event.bankTxnId())
                .set(BANK_COLLECTION.ORDER_ID, event.orderId())
                .set(
                        BANK_COLLECTION.INSTITUTION_ID,
                        AccountCode.UNIDENTIFIED_INSTITUTION.equals(event.institutionId())
                                ? null
                                : event.institutionId())
                .set(BANK_COLLECTION.CUSTODY_ACCOUNT_NO, event.custodyAccountNo())
                .set(BANK_COLLECTION.AMOUNT_FEN, event.amountFen())
                .set(BANK_COLLECTION.RECEIVED_AT, event.receivedAt().atOffset(ZoneOffset.UTC))
                .set(BANK_COLLECTION.STATUS, CollectionStatus.SUSPENSE.name())
                .set(BANK_COLLECTION.SUSPENSE_REASON, event.reason().name())
                .set(BANK_COLLECTION.RECORDED_AT, event.recordedAt().atOffset(ZoneOffset.UTC))
                .execute();
    }
}
