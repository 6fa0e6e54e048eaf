package com.tuitionescrow.ledger.instruction;

import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderAmount;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public final class DisbursementCommands {

    private DisbursementCommands() {}

    /** One student account's released money joins the instruction; the first portion opens it. */
    public record AddPortion(
            @TargetAggregateIdentifier String instructionId,
            String institutionId,
            String custodyAccountNo,
            String accountId,
            List<OrderAmount> orders,
            Instant now) {}

    /** The instruction is complete and goes to the bank. */
    public record IssueDisbursement(
            @TargetAggregateIdentifier String instructionId, Instant now) {}

    /** The institution stopped releasing before the instruction was issued: it is withdrawn unissued. */
    public record WithdrawDisbursement(
            @TargetAggregateIdentifier String instructionId, String reason, Instant now) {}

    /** The bank's answer. */
    public record RecordDisbursementResult(
            @TargetAggregateIdentifier String instructionId,
            InstructionOutcome outcome,
            String bankTxnId,
            Instant executedAt,
            String reason) {}
}
