package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.refund.RefundDecision;
import com.tuitionescrow.ledger.api.refund.RefundDecisionRequest;
import com.tuitionescrow.ledger.api.refund.RefundRequest;
import com.tuitionescrow.ledger.api.refund.RefundResolutionRequest;
import com.tuitionescrow.ledger.api.refund.RefundResponse;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.AnswerRefund;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.RequestRefund;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ResolveRefund;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.command.IdempotencyKey;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.security.Role;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import com.tuitionescrow.ledger.platform.web.NotFound;
import com.tuitionescrow.ledger.shared.Refusal;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** 退费: the platform asks, the institution answers, a regulator rules on a contest, the bank pays. */
@Service
class RefundService {

    /** What a refund request's idempotency fingerprint covers: the order is part of its content. */
    private record OrderRefund(String orderId, RefundRequest refund) {}

    private final CommandTransactions commands;
    private final OrderQueries orders;
    private final RefundQueries refunds;
    private final InstitutionDirectory institutions;
    private final WorkingWindows workingDays;
    private final WindowSweep windows;
    private final Clock clock;

    RefundService(
            CommandTransactions commands,
            OrderQueries orders,
            RefundQueries refunds,
            InstitutionDirectory institutions,
            WorkingWindows workingDays,
            WindowSweep windows,
            Clock clock) {
        this.commands = commands;
        this.orders = orders;
        this.refunds = refunds;
        this.institutions = institutions;
        this.workingDays = workingDays;
        this.windows = windows;
        this.clock = clock;
    }

    RefundResponse request(String orderId, RefundRequest request, Caller caller) {
        OrderQueries.OrderLocation order = orders.locate(orderId).orElseThrow(() -> new NotFound("order " + orderId));
        return commands.once(
                new IdempotencyKey("REFUND", request.refundId()),
                new OrderRefund(orderId, request),
                RefundResponse.class,
                () -> {
                    Instant now = clock.instant();
                    commands.send(
                            new RequestRefund(
                                    order.accountId(),
                                    request.refundId(),
                                    orderId,
                                    request.reason(),
                                    workingDays.refundAnswerEnds(now),
                                    now),
                            caller);
                    return get(request.refundId());
                });
    }

    RefundResponse decide(String refundId, RefundDecisionRequest decision, Caller caller) {
        if (decision.decision() == RefundDecision.CONTEST
                && (decision.reason() == null || decision.reason().isBlank())) {
            throw new InvalidRequest("reason", "a contested refund states the institution's reason");
        }
        return commands.inTransaction(() -> {
            RefundQueries.RefundLocation refund = locate(refundId, caller);
            commands.send(
                    new AnswerRefund(
                            refund.accountId(),
                            refundId,
                            decision.decision(),
                            decision.reason(),
                            custodyAccountOf(refund.institutionId()),
                            clock.instant()),
                    caller);
            return get(refundId);
        });
    }

    RefundResponse resolve(String refundId, RefundResolutionRequest resolution, Caller caller) {
        return commands.inTransaction(() -> {
            RefundQueries.RefundLocation refund = locate(refundId, caller, Role.REGULATOR);
            commands.send(
                    new ResolveRefund(
                            refund.accountId(),
                            refundId,
                            resolution.outcome(),
                            resolution.reason(),
                            custodyAccountOf(refund.institutionId()),
                            clock.instant()),
                    caller);
            return get(refundId);
        });
    }

    RefundResponse read(String refundId, Caller caller) {
        locate(refundId, caller, Role.PLATFORM, Role.REGULATOR);
        refunds.find(refundId).ifPresent(refund -> windows.closeBeforeReading(refund.orderId()));
        return get(refundId);
    }

    private String custodyAccountOf(String institutionId) {
        return institutions
                .find(institutionId)
                .orElseThrow(() -> new Refusal(ProblemCode.INSTITUTION_UNKNOWN, "no institution " + institutionId))
                .custodyAccountNo();
    }

    private RefundQueries.RefundLocation locate(String refundId, Caller caller, Role... seeingEveryInstitution) {
        return refunds.locate(refundId)
                .filter(r -> caller.canSee(r.institutionId(), seeingEveryInstitution))
                .orElseThrow(() -> new NotFound("refund " + refundId));
    }

    private RefundResponse get(String refundId) {
        return refunds.find(refundId).orElseThrow(() -> new NotFound("refund " + refundId));
    }
}
