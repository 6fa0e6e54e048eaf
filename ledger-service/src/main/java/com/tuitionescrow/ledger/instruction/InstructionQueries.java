package com.tuitionescrow.ledger.instruction;

import static com.tuitionescrow.ledger.schema.Tables.BANK_COLLECTION;
import static com.tuitionescrow.ledger.schema.Tables.BANK_INSTRUCTION;

import com.tuitionescrow.ledger.api.instruction.InstructionKind;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.api.instruction.InstructionView;
import com.tuitionescrow.ledger.schema.tables.records.BankInstructionRecord;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Instructions as the bank lists them, and where each one's answer must go. */
@Repository
public class InstructionQueries {

    /** An instruction with the aggregate that owns it. */
    record Routed(InstructionView view, String ownerId, String ownerRef) {
    }

    private final DSLContext db;

    InstructionQueries(DSLContext db) {
        this.db = db;
    }

    Optional<Routed> find(String instructionId) {
        return db.selectFrom(BANK_INSTRUCTION)
                .where(BANK_INSTRUCTION.INSTRUCTION_ID.eq(instructionId), BANK_INSTRUCTION.STATUS.ne("ASSEMBLING"))
                .fetchOptional(r -> new Routed(toView(r), r.getOwnerId(), r.getOwnerRef()));
    }

    public Optional<InstructionView> view(String instructionId) {
        return find(instructionId).map(Routed::view);
    }

    /** The bank's work list, oldest first, after the instruction {@code afterId}. */
    List<InstructionView> page(InstructionStatus status, String afterId, int limit) {
        Condition condition = status == null ? BANK_INSTRUCTION.STATUS.ne("ASSEMBLING") : BANK_INSTRUCTION.STATUS.eq(status.name());
        if (afterId != null) {
            condition = condition.and(BANK_INSTRUCTION.LIST_SEQ.gt(DSL.select(BANK_INSTRUCTION.LIST_SEQ)
                    .from(BANK_INSTRUCTION).where(BANK_INSTRUCTION.INSTRUCTION_ID.eq(afterId))));
        }
        return db.selectFrom(BANK_INSTRUCTION)
                .where(condition)
                .orderBy(BANK_INSTRUCTION.LIST_SEQ)
                .limit(limit)
                .fetch(InstructionQueries::toView);
    }

    boolean exists(String instructionId) {
        return db.fetchExists(BANK_INSTRUCTION, BANK_INSTRUCTION.INSTRUCTION_ID.eq(instructionId));
    }

    /** Disbursements left gathering portions by a run that stopped before issuing them. */
    public List<String> abandonedAssemblies(Instant openedBefore) {
        return db.select(BANK_INSTRUCTION.INSTRUCTION_ID)
                .from(BANK_INSTRUCTION)
                .where(BANK_INSTRUCTION.STATUS.eq("ASSEMBLING"), BANK_INSTRUCTION.CREATED_AT.lt(openedBefore.atOffset(ZoneOffset.UTC)))
                .fetch(BANK_INSTRUCTION.INSTRUCTION_ID);
    }

    /** Receipts held in suspense with no return instruction under way. */
    List<String> suspenseToReturn(int limit) {
        return db.select(BANK_COLLECTION.BANK_TXN_ID)
                .from(BANK_COLLECTION)
                .where(BANK_COLLECTION.STATUS.eq("SUSPENSE"), BANK_COLLECTION.RETURN_INSTRUCTION_ID.isNull())
                .orderBy(BANK_COLLECTION.RECORDED_AT)
                .limit(limit)
                .fetch(BANK_COLLECTION.BANK_TXN_ID);
    }

    private static InstructionView toView(BankInstructionRecord r) {
        return new InstructionView(
                r.getInstructionId(),
                InstructionKind.valueOf(r.getKind()),
                r.getInstitutionId(),
                r.getCustodyAccountNo(),
                r.getAmountFen(),
                r.getPayeeRef(),
                LedgerTime.offsetOf(r.getCreatedAt().toInstant()),
                InstructionStatus.valueOf(r.getStatus()),
                r.getResultBankTxnId(),
                r.getExecutedAt() == null ? null : LedgerTime.offsetOf(r.getExecutedAt().toInstant()),
                r.getFailureReason());
    }
}
