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
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Instructions as the bank lists them, and where each one's answer must go. */
@Repository
public class InstructionQueries {

    /** An instruction with the aggregate that owns it. */
    record Routed(InstructionView view, String ownerId, String ownerRef) {}

    /**
     * The oldest transaction still running in this database (the next transaction id when none is),
     * as the 64-bit id {@code pg_current_xact_id()} gives the rows. Only this database's transactions
     * can write instructions, so one running elsewhere on the server holds nothing back (the cluster's
     * {@code pg_snapshot_xmin} would). A session's {@code backend_xid} is 32 bits: the epoch is taken
     * from the next transaction id, one less for an id above its low 32 bits.
     */
    private static final Field<Long> OLDEST_RUNNING_XID = DSL.field("""
            (SELECT coalesce(min(((n >> 32) - CASE WHEN x > (n & 4294967295) THEN 1 ELSE 0 END) * 4294967296 + x), max(n))
             FROM (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS n) next_xid
             LEFT JOIN (SELECT backend_xid::text::bigint AS x FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL)
                 running ON true)""", Long.class);

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

    /**
     * The bank's work list, oldest first, after the instruction {@code afterId}. Listed in the order of
     * the transactions that issued them, and only those of transactions older than every one still
     * running: an instruction whose transaction commits late then sorts after everything already
     * listed, never behind the bank's cursor. The price is that a finished instruction waits, unlisted,
     * while an older transaction is still running (commands keep theirs short).
     */
    List<InstructionView> page(InstructionStatus status, String afterId, int limit) {
        Condition condition =
                status == null ? BANK_INSTRUCTION.STATUS.ne("ASSEMBLING") : BANK_INSTRUCTION.STATUS.eq(status.name());
        condition = condition.and(BANK_INSTRUCTION.LIST_XID.lt(OLDEST_RUNNING_XID));
        if (afterId != null) {
            condition = condition.and(DSL.row(BANK_INSTRUCTION.LIST_XID, BANK_INSTRUCTION.LIST_SEQ)
                    .gt(DSL.select(BANK_INSTRUCTION.LIST_XID, BANK_INSTRUCTION.LIST_SEQ)
                            .from(BANK_INSTRUCTION)
                            .where(BANK_INSTRUCTION.INSTRUCTION_ID.eq(afterId))));
        }
        return db.selectFrom(BANK_INSTRUCTION)
                .where(condition)
                .orderBy(BANK_INSTRUCTION.LIST_XID, BANK_INSTRUCTION.LIST_SEQ)
                .limit(limit)
                .fetch(InstructionQueries::toView);
    }

    /**
     * The newest transaction among the instructions a page would show but holds back, because an
     * older transaction is still running (see {@link #page}); empty when none is held back.
     */
    Optional<Long> newestUnlisted(InstructionStatus status) {
        Condition condition =
                status == null ? BANK_INSTRUCTION.STATUS.ne("ASSEMBLING") : BANK_INSTRUCTION.STATUS.eq(status.name());
        return Optional.ofNullable(db.select(DSL.max(BANK_INSTRUCTION.LIST_XID))
                .from(BANK_INSTRUCTION)
                .where(condition.and(BANK_INSTRUCTION.LIST_XID.ge(OLDEST_RUNNING_XID)))
                .fetchOne(0, Long.class));
    }

    /** The oldest transaction still running. */
    long oldestRunning() {
        return db.select(OLDEST_RUNNING_XID).fetchOne(0, Long.class);
    }

    /** Instructions in {@code status} for a regulator, oldest first, after {@code afterId}. */
    List<InstructionView> withStatus(InstructionStatus status, String afterId, int limit) {
        Condition condition = BANK_INSTRUCTION.STATUS.eq(status.name());
        if (afterId != null) {
            condition = condition.and(BANK_INSTRUCTION.LIST_SEQ.gt(DSL.select(BANK_INSTRUCTION.LIST_SEQ)
                    .from(BANK_INSTRUCTION)
                    .where(BANK_INSTRUCTION.INSTRUCTION_ID.eq(afterId))));
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

    /** Disbursements left gathering portions by a run that stopped before issuing them, with their institutions. */
    public Map<String, String> abandonedAssemblies(Instant openedBefore) {
        return db.select(BANK_INSTRUCTION.INSTRUCTION_ID, BANK_INSTRUCTION.INSTITUTION_ID)
                .from(BANK_INSTRUCTION)
                .where(
                        BANK_INSTRUCTION.STATUS.eq("ASSEMBLING"),
                        BANK_INSTRUCTION.CREATED_AT.lt(openedBefore.atOffset(ZoneOffset.UTC)))
                .orderBy(BANK_INSTRUCTION.CREATED_AT)
                .fetchMap(BANK_INSTRUCTION.INSTRUCTION_ID, BANK_INSTRUCTION.INSTITUTION_ID);
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
                r.getExecutedAt() == null
                        ? null
                        : LedgerTime.offsetOf(r.getExecutedAt().toInstant()),
                r.getFailureReason(),
                r.getPreviousInstructionId(),
                r.getResolution(),
                r.getResolvedBy());
    }
}
