package com.tuitionescrow.ledger.instruction;

import static com.tuitionescrow.ledger.schema.Tables.BANK_COLLECTION;
import static com.tuitionescrow.ledger.schema.Tables.BANK_INSTRUCTION;

import com.tuitionescrow.ledger.api.instruction.InstructionKind;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturnFailed;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturnInstructed;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturned;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementExecuted;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementFailed;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementIssued;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementOpened;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementPortionAdded;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundApproved;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundExecuted;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundFailed;
import com.tuitionescrow.ledger.platform.axon.Projection;
import com.tuitionescrow.ledger.platform.axon.Projection.Runs;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Instructions to the custody bank as the bank reads them, written in the transaction that issues or
 * answers them: an instruction is listed the moment its money is in transit.
 */
@Component
@ProcessingGroup(InstructionProjection.GROUP)
@Projection(Runs.IN_COMMAND_TRANSACTION)
class InstructionProjection {

    static final String GROUP = "instruction-views";

    private final DSLContext db;

    InstructionProjection(DSLContext db) {
        this.db = db;
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

    /**
     * An instruction takes its place in the bank's list when it is issued, not when it began gathering
     * portions: one issued late (by a run finishing another's work) must not sort behind a bank's cursor.
     */
    @EventHandler
    void on(DisbursementIssued event) {
        db.update(BANK_INSTRUCTION)
                .set(BANK_INSTRUCTION.LIST_SEQ, DSL.field("nextval(pg_get_serial_sequence('bank_instruction', 'list_seq'))", Long.class))
                .set(BANK_INSTRUCTION.STATUS, InstructionStatus.PENDING.name())
                .set(BANK_INSTRUCTION.AMOUNT_FEN, event.amountFen())
                .set(BANK_INSTRUCTION.CREATED_AT, utc(event.issuedAt()))
                .where(BANK_INSTRUCTION.INSTRUCTION_ID.eq(event.instructionId()))
                .execute();
    }

    @EventHandler
    void on(DisbursementExecuted event, @Timestamp Instant answeredAt) {
        answer(event.instructionId(), InstructionStatus.EXECUTED, event.bankTxnId(), event.executedAt(), null, answeredAt);
    }

    @EventHandler
    void on(DisbursementFailed event, @Timestamp Instant answeredAt) {
        answer(event.instructionId(), InstructionStatus.FAILED, event.bankTxnId(), event.failedAt(), event.reason(), answeredAt);
    }

    @EventHandler
    void on(RefundApproved event) {
        pending(event.instructionId(), InstructionKind.REFUND, event.accountId(), event.refundId(),
                event.institutionId(), event.custodyAccountNo(), event.amountFen(), event.payeeRef(),
                event.approvedAt());
    }

    @EventHandler
    void on(RefundExecuted event, @Timestamp Instant answeredAt) {
        answer(event.instructionId(), InstructionStatus.EXECUTED, event.bankTxnId(), event.executedAt(), null, answeredAt);
    }

    @EventHandler
    void on(RefundFailed event, @Timestamp Instant answeredAt) {
        answer(event.instructionId(), InstructionStatus.FAILED, event.bankTxnId(), event.failedAt(), event.reason(), answeredAt);
    }

    @EventHandler
    void on(SuspenseReturnInstructed event) {
        pending(event.instructionId(), InstructionKind.SUSPENSE_RETURN, event.receiptId(), null, event.institutionId(),
                event.custodyAccountNo(), event.amountFen(), event.payeeRef(), event.instructedAt());
        db.update(BANK_COLLECTION)
                .set(BANK_COLLECTION.RETURN_INSTRUCTION_ID, event.instructionId())
                .where(BANK_COLLECTION.BANK_TXN_ID.eq(event.payeeRef()))
                .execute();
    }

    @EventHandler
    void on(SuspenseReturned event, @Timestamp Instant answeredAt) {
        answer(event.instructionId(), InstructionStatus.EXECUTED, event.bankTxnId(), event.executedAt(), null, answeredAt);
    }

    /** The money is held again: the collection waits for the next run's return instruction. */
    @EventHandler
    void on(SuspenseReturnFailed event, @Timestamp Instant answeredAt) {
        answer(event.instructionId(), InstructionStatus.FAILED, event.bankTxnId(), event.failedAt(), event.reason(),
                answeredAt);
        db.update(BANK_COLLECTION)
                .setNull(BANK_COLLECTION.RETURN_INSTRUCTION_ID)
                .where(BANK_COLLECTION.RETURN_INSTRUCTION_ID.eq(event.instructionId()))
                .execute();
    }

    private void pending(String instructionId, InstructionKind kind, String ownerId, String ownerRef, String institutionId,
                         String custodyAccountNo, long amountFen, String payeeRef, Instant createdAt) {
        db.insertInto(BANK_INSTRUCTION)
                .set(BANK_INSTRUCTION.INSTRUCTION_ID, instructionId)
                .set(BANK_INSTRUCTION.KIND, kind.name())
                .set(BANK_INSTRUCTION.OWNER_ID, ownerId)
                .set(BANK_INSTRUCTION.OWNER_REF, ownerRef)
                .set(BANK_INSTRUCTION.INSTITUTION_ID, institutionId)
                .set(BANK_INSTRUCTION.CUSTODY_ACCOUNT_NO, custodyAccountNo)
                .set(BANK_INSTRUCTION.AMOUNT_FEN, amountFen)
                .set(BANK_INSTRUCTION.PAYEE_REF, payeeRef)
                .set(BANK_INSTRUCTION.STATUS, InstructionStatus.PENDING.name())
                .set(BANK_INSTRUCTION.CREATED_AT, utc(createdAt))
                .execute();
    }

    private void answer(String instructionId, InstructionStatus status, String bankTxnId, Instant executedAt, String reason,
                        Instant answeredAt) {
        db.update(BANK_INSTRUCTION)
                .set(BANK_INSTRUCTION.STATUS, status.name())
                .set(BANK_INSTRUCTION.RESULT_BANK_TXN_ID, bankTxnId)
                .set(BANK_INSTRUCTION.EXECUTED_AT, utc(executedAt))
                .set(BANK_INSTRUCTION.FAILURE_REASON, reason)
                .set(BANK_INSTRUCTION.ANSWERED_AT, utc(answeredAt))
                .where(BANK_INSTRUCTION.INSTRUCTION_ID.eq(instructionId))
                .execute();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
