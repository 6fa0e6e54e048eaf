package com.tuitionescrow.ledger.instruction;

import static com.tuitionescrow.ledger.schema.Tables.BANK_COLLECTION;
import static com.tuitionescrow.ledger.schema.Tables.BANK_INSTRUCTION;

import com.tuitionescrow.ledger.api.instruction.InstructionKind;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementOpened;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementPortionAdded;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementWithdrawn;
import com.tuitionescrow.ledger.platform.axon.EventTimestamps;
import com.tuitionescrow.ledger.platform.axon.Projection;
import com.tuitionescrow.ledger.platform.axon.Projection.Runs;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.twophase.InstructionEvents;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Instructions to the custody bank as the bank reads them, written in the transaction that issues or
 * answers them. Every kind is projected by the same handlers, from the events of {@link
 * InstructionEvents}; only a disbursement's assembly, before it is issued, has handlers of its own.
 */
@Component
@ProcessingGroup(InstructionProjection.GROUP)
@Projection(Runs.IN_COMMAND_TRANSACTION)
class InstructionProjection {

    static final String GROUP = "instruction-views";
    /** The transaction writing the row, as the bank's list compares it with pg_snapshot_xmin. */
    static final Field<Long> CURRENT_XID = DSL.field("pg_current_xact_id()::text::bigint", Long.class);

    private static final Field<Long> NEXT_LIST_SEQ =
            DSL.field("nextval(pg_get_serial_sequence('bank_instruction', 'list_seq'))", Long.class);

    private final DSLContext db;

    InstructionProjection(DSLContext db) {
        this.db = db;
    }

    /**
     * An instruction takes its place in the bank's list when it is issued (a disbursement gathering
     * portions is not listed yet): its list position and transaction are taken now.
     */
    @EventHandler
    void on(InstructionEvents.Issued event, @MetaDataValue(Caller.ACTOR) String actor) {
        db.insertInto(BANK_INSTRUCTION)
                .set(BANK_INSTRUCTION.INSTRUCTION_ID, event.instructionId())
                .set(BANK_INSTRUCTION.KIND, event.kind().name())
                .set(BANK_INSTRUCTION.OWNER_ID, event.ownerId())
                .set(BANK_INSTRUCTION.OWNER_REF, event.ownerRef())
                .set(BANK_INSTRUCTION.INSTITUTION_ID, event.institutionId())
                .set(BANK_INSTRUCTION.CUSTODY_ACCOUNT_NO, event.custodyAccountNo())
                .set(BANK_INSTRUCTION.AMOUNT_FEN, event.amountFen())
                .set(BANK_INSTRUCTION.PAYEE_REF, event.payeeRef())
                .set(BANK_INSTRUCTION.STATUS, InstructionStatus.PENDING.name())
                .set(BANK_INSTRUCTION.CREATED_AT, utc(event.issuedAt()))
                .set(BANK_INSTRUCTION.PREVIOUS_INSTRUCTION_ID, event.previousInstructionId())
                .set(BANK_INSTRUCTION.RESOLUTION, event.resolution())
                .set(BANK_INSTRUCTION.RESOLVED_BY, event.resolution() == null ? null : actor)
                .set(BANK_INSTRUCTION.LIST_SEQ, NEXT_LIST_SEQ)
                .set(BANK_INSTRUCTION.LIST_XID, CURRENT_XID)
                .onConflict(BANK_INSTRUCTION.INSTRUCTION_ID)
                .doUpdate()
                .set(BANK_INSTRUCTION.STATUS, InstructionStatus.PENDING.name())
                .set(BANK_INSTRUCTION.AMOUNT_FEN, event.amountFen())
                .set(BANK_INSTRUCTION.CREATED_AT, utc(event.issuedAt()))
                .set(BANK_INSTRUCTION.LIST_SEQ, NEXT_LIST_SEQ)
                .set(BANK_INSTRUCTION.LIST_XID, CURRENT_XID)
                .execute();
        if (event.resolution() != null) {
            // The undeliverable instruction is answered for good: its money went on in this one.
            db.update(BANK_INSTRUCTION)
                    .set(BANK_INSTRUCTION.STATUS, InstructionStatus.FAILED.name())
                    .where(BANK_INSTRUCTION.INSTRUCTION_ID.eq(event.previousInstructionId()))
                    .execute();
        }
        if (event.kind() == InstructionKind.SUSPENSE_RETURN && event.previousInstructionId() == null) {
            db.update(BANK_COLLECTION)
                    .set(BANK_COLLECTION.RETURN_INSTRUCTION_ID, event.instructionId())
                    .where(BANK_COLLECTION.BANK_TXN_ID.eq(event.payeeRef()))
                    .execute();
        }
    }

    @EventHandler
    void on(InstructionEvents.Executed event, @Timestamp Instant answeredAt) {
        answer(
                event.instructionId(),
                InstructionStatus.EXECUTED,
                event.bankTxnId(),
                event.executedAt(),
                null,
                answeredAt);
    }

    @EventHandler
    void on(InstructionEvents.Failed event, @Timestamp Instant answeredAt) {
        answer(
                event.instructionId(),
                event.undeliverable() ? InstructionStatus.UNDELIVERABLE : InstructionStatus.FAILED,
                event.bankTxnId(),
                event.failedAt(),
                event.reason(),
                answeredAt);
    }

    @EventHandler
    void on(DisbursementOpened event) {
        db.insertInto(BANK_INSTRUCTION)
                .set(BANK_INSTRUCTION.INSTRUCTION_ID, event.instructionId())
                .set(BANK_INSTRUCTION.KIND, InstructionKind.DISBURSEMENT.name())
                .set(BANK_INSTRUCTION.OWNER_ID, event.instructionId())
                .set(BANK_INSTRUCTION.INSTITUTION_ID, event.institutionId())
                .set(BANK_INSTRUCTION.CUSTODY_ACCOUNT_NO, event.custodyAccountNo())
                // The first portion, in this same transaction, sets it.
                .set(BANK_INSTRUCTION.AMOUNT_FEN, 0L)
                .set(BANK_INSTRUCTION.PAYEE_REF, event.institutionId())
                .set(BANK_INSTRUCTION.STATUS, "ASSEMBLING")
                .set(BANK_INSTRUCTION.CREATED_AT, utc(event.openedAt()))
                .execute();
    }

    @EventHandler
    void on(DisbursementPortionAdded event) {
        db.update(BANK_INSTRUCTION)
                .set(BANK_INSTRUCTION.AMOUNT_FEN, event.totalFen())
                .where(BANK_INSTRUCTION.INSTRUCTION_ID.eq(event.instructionId()))
                .execute();
    }

    /** The bank never saw it: it leaves the list it never entered. */
    @EventHandler
    void on(DisbursementWithdrawn event) {
        db.deleteFrom(BANK_INSTRUCTION)
                .where(BANK_INSTRUCTION.INSTRUCTION_ID.eq(event.instructionId()))
                .execute();
    }

    private void answer(
            String instructionId,
            InstructionStatus status,
            String bankTxnId,
            Instant executedAt,
            String reason,
            Instant answeredAt) {
        db.update(BANK_INSTRUCTION)
                .set(BANK_INSTRUCTION.STATUS, status.name())
                .set(BANK_INSTRUCTION.RESULT_BANK_TXN_ID, bankTxnId)
                .set(BANK_INSTRUCTION.EXECUTED_AT, utc(executedAt))
                .set(BANK_INSTRUCTION.FAILURE_REASON, reason)
                .set(BANK_INSTRUCTION.ANSWERED_AT, utc(EventTimestamps.asStored(answeredAt)))
                .where(BANK_INSTRUCTION.INSTRUCTION_ID.eq(instructionId))
                .execute();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
