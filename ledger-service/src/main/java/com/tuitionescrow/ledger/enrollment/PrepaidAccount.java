package com.tuitionescrow.ledger.enrollment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.api.bank.SuspenseReason;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonDecision;
import com.tuitionescrow.ledger.api.enrollment.LessonOutcome;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.api.refund.RefundDecision;
import com.tuitionescrow.ledger.api.refund.RefundOutcome;
import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.AnswerLesson;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.AnswerRefund;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ApplyCollection;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.CancelOrder;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.CloseWindows;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ExpireOrder;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.PlaceOrder;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.RecordRefundResult;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.RefundForWindDown;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ReleaseForDisbursement;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ReportLesson;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.RequestRefund;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ResolveLesson;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ResolveRefund;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ResolveUndeliverableRefund;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ReturnRelease;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.SettleRelease;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.AccountWoundDown;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.CollectionApplied;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.ConsumptionReleased;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.HoldbackReleased;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonConfirmed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonDisputed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonReported;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonResolved;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderAmount;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderCancelled;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderExpired;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderPlaced;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundApproved;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundApprover;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundContested;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundDenied;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundExecuted;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundFailed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundReinstructed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundRequested;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.ReleaseDisbursed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.ReleaseReturned;
import com.tuitionescrow.ledger.shared.LedgerTime;
import com.tuitionescrow.ledger.shared.Refusal;
import com.tuitionescrow.ledger.twophase.InstructionLife;
import com.tuitionescrow.ledger.twophase.InstructionPolicy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * 学员预付账户: everything one student has prepaid at one institution, order by order, from sale to
 * release or refund. The caps count across the student's orders, so they are one consistency
 * boundary: two concurrent sales or collections for the same student append to the same event
 * stream, and the loser of that race is retried against the winner's state. No cap can be passed by
 * concurrency, and no other student waits.
 */
@Aggregate(lockFactory = "aggregateLocks")
class PrepaidAccount {

    @AggregateIdentifier
    private String accountId;

    private String institutionId;
    private String studentId;
    /** The custody account the student's money was paid into; refunds are instructed from it. */
    private String custodyAccountNo;
    /** The institution wound down: every hour that comes back to the student is refunded at once. */
    private boolean woundDown;

    private final Map<String, OrderState> orders = new LinkedHashMap<>();
    private final Map<String, LessonState> lessons = new LinkedHashMap<>();
    private final Map<String, RefundState> refunds = new LinkedHashMap<>();
    /** Money released into disbursements the bank has not answered, by instruction. */
    private final Map<String, List<OrderAmount>> releasesInTransit = new LinkedHashMap<>();

    protected PrepaidAccount() {}

    static String idOf(String institutionId, String studentId) {
        return "prepaid:" + institutionId + ":" + studentId;
    }

    // ---------------------------------------------------------------- sale and payment (售课, 收费)

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    OrderPlaced handle(PlaceOrder command, SalePolicy policy, ReleasePolicy release) {
        if (orders.containsKey(command.orderId())) {
            throw new IllegalStateException("order " + command.orderId() + " reached its account twice; "
                    + "the idempotency record should have answered the repeat");
        }
        expireOverdue(command.now());
        closeWindows(command.now(), release);
        SaleRules.check(
                new SaleRules.Sale(
                        command.institutionStatus(),
                        LedgerTime.dateOf(command.now()),
                        command.subject(),
                        command.hours(),
                        command.amountFen(),
                        command.startDate(),
                        command.endDate(),
                        exposure(command.subject())),
                policy);
        OrderPlaced placed = new OrderPlaced(
                command.accountId(),
                command.orderId(),
                command.institutionId(),
                command.studentId(),
                command.contractNo(),
                command.courseId(),
                command.subject(),
                command.mode(),
                command.pricePerHourFen(),
                command.hours(),
                command.startDate(),
                command.endDate(),
                command.amountFen(),
                command.now(),
                command.now().plus(policy.paymentWindow()));
        apply(placed);
        return placed;
    }

    @CommandHandler
    OrderStatus handle(CancelOrder command) {
        OrderState order = order(command.orderId());
        if (order.status() == OrderStatus.AWAITING_PAYMENT) {
            apply(new OrderCancelled(accountId, order.orderId(), command.now()));
        } else if (order.status() != OrderStatus.CANCELLED) {
            throw new Refusal(
                    ProblemCode.ORDER_NOT_CANCELLABLE,
                    "order " + order.orderId() + " is " + order.status() + "; only an unpaid order is cancelled");
        }
        return order(command.orderId()).status();
    }

    @CommandHandler
    OrderStatus handle(ExpireOrder command) {
        OrderState order = order(command.orderId());
        if (order.isOverdue(command.now())) {
            apply(new OrderExpired(accountId, order.orderId(), command.now()));
        }
        return order(command.orderId()).status();
    }

    /**
     * Applies the money to its order when it can be; otherwise changes nothing and says why, so the
     * bank's money can be held in suspense. The deadline is judged by when the bank received the
     * money: a payment received in time pays its order however late it is reported, even after the
     * order expired, as long as the student's caps still have room for it (an expired order freed its
     * share, and another sale may have taken it since). An institution that may not sell is not paid.
     */
    @CommandHandler
    CollectionDecision handle(ApplyCollection command, SalePolicy policy) {
        OrderState order = order(command.orderId());
        if (!command.custodyAccountNo().equals(command.institutionCustodyAccountNo())) {
            return new CollectionDecision(SuspenseReason.ACCOUNT_MISMATCH);
        }
        switch (order.status()) {
            case CANCELLED:
                return new CollectionDecision(SuspenseReason.ORDER_CANCELLED);
            case PAID, COMPLETED, REFUNDED:
                return new CollectionDecision(SuspenseReason.ORDER_ALREADY_PAID);
            case AWAITING_PAYMENT, EXPIRED:
                break;
        }
        if (command.institutionStatus() != InstitutionStatus.ACTIVE) {
            return new CollectionDecision(SuspenseReason.INSTITUTION_NOT_ACTIVE);
        }
        if (!command.receivedAt().isBefore(order.payBy())) {
            if (order.status() == OrderStatus.AWAITING_PAYMENT) {
                apply(new OrderExpired(accountId, order.orderId(), command.now()));
            }
            return new CollectionDecision(SuspenseReason.ORDER_EXPIRED);
        }
        if (order.status() == OrderStatus.EXPIRED && !fitsTheCaps(order, policy)) {
            return new CollectionDecision(SuspenseReason.ORDER_EXPIRED);
        }
        if (command.amountFen() != order.amountFen()) {
            return new CollectionDecision(SuspenseReason.AMOUNT_MISMATCH);
        }
        apply(new CollectionApplied(
                accountId,
                order.orderId(),
                command.bankTxnId(),
                command.custodyAccountNo(),
                command.amountFen(),
                command.receivedAt(),
                JournalEntry.of(account(AccountType.CUSTODY_CASH), prepaidAccount(), command.amountFen())));
        return CollectionDecision.APPLIED;
    }

    // ---------------------------------------------------------------- lessons (消课)

    @CommandHandler
    List<LessonViolation> handle(ReportLesson command, LessonPolicy lessonPolicy, ReleasePolicy release) {
        if (lessons.containsKey(command.lessonId())) {
            throw new IllegalStateException("lesson " + command.lessonId() + " reached its account twice; "
                    + "the idempotency record should have answered the repeat");
        }
        if (command.institutionStatus() != InstitutionStatus.ACTIVE) {
            throw new Refusal(ProblemCode.INSTITUTION_NOT_ACTIVE, "the institution is " + command.institutionStatus());
        }
        closeWindows(command.now(), release);
        OrderState order = order(command.orderId());
        if (!order.isPaid()) {
            throw new Refusal(ProblemCode.ORDER_NOT_PAID, "order " + order.orderId() + " is " + order.status());
        }
        LessonRules.check(
                new LessonRules.Lesson(
                        command.startedAt(),
                        command.endedAt(),
                        command.hours(),
                        order,
                        lessons.values(),
                        command.now()),
                lessonPolicy);
        if (hasPendingRefund(order.orderId())) {
            throw new Refusal(
                    ProblemCode.REFUND_PENDING, "order " + order.orderId() + " has a refund waiting for an answer");
        }
        if (command.hours() > order.remainingHours()) {
            throw new Refusal(
                    ProblemCode.INSUFFICIENT_HOURS,
                    "order " + order.orderId() + " has " + order.remainingHours()
                            + " class hours left; the lesson reports " + command.hours());
        }
        List<LessonState> sameDayOnline = onlineLessonsOnDayOf(command.startedAt());
        List<LessonViolation> violations = LessonTimeRules.check(
                order.mode(),
                command.startedAt(),
                command.endedAt(),
                LessonTimeRules.breakBefore(command.startedAt(), sameDayOnline),
                LessonTimeRules.breakAfter(command.startedAt(), command.endedAt(), sameDayOnline));
        long amountFen = Fen.times(order.pricePerHourFen(), command.hours());
        apply(new LessonReported(
                accountId,
                order.orderId(),
                command.lessonId(),
                command.hours(),
                amountFen,
                command.startedAt(),
                command.endedAt(),
                violations,
                command.now(),
                command.confirmBy(),
                JournalEntry.of(prepaidAccount(), account(AccountType.AWAITING_CONFIRMATION), amountFen)));
        return violations;
    }

    /** The parent's answer; repeating the same answer changes nothing, a different one is refused. */
    @CommandHandler
    LessonStatus handle(AnswerLesson command, ReleasePolicy policy) {
        LessonStatus wanted =
                command.decision() == LessonDecision.CONFIRM ? LessonStatus.CONFIRMED : LessonStatus.DISPUTED;
        LessonState asked = lesson(command.lessonId());
        if (wanted == LessonStatus.DISPUTED && asked.decidedByWindow(command.now())) {
            throw new Refusal(
                    ProblemCode.ANSWER_WINDOW_CLOSED,
                    "the confirmation window of lesson " + asked.lessonId() + " closed at " + asked.confirmBy()
                            + "; the lesson counts as confirmed");
        }
        closeWindows(command.now(), policy);
        LessonState lesson = lesson(command.lessonId());
        if (lesson.status() == wanted) {
            return lesson.status();
        }
        if (lesson.status() != LessonStatus.AWAITING_CONFIRMATION) {
            throw new Refusal(
                    ProblemCode.LESSON_ALREADY_ANSWERED, "lesson " + lesson.lessonId() + " is " + lesson.status());
        }
        if (wanted == LessonStatus.CONFIRMED) {
            confirm(lesson, false, command.now(), policy);
        } else {
            apply(new LessonDisputed(accountId, lesson.orderId(), lesson.lessonId(), command.reason(), command.now()));
        }
        return lesson(command.lessonId()).status();
    }

    /** Gives every window of the account that closed by {@code now} its outcome; returns what it decided. */
    @CommandHandler
    WindowsClosed handle(CloseWindows command, ReleasePolicy policy) {
        return closeWindows(command.now(), policy);
    }

    /** A regulator's ruling on a disputed lesson; repeating the same ruling changes nothing. */
    @CommandHandler
    LessonStatus handle(ResolveLesson command, ReleasePolicy policy) {
        closeWindows(command.now(), policy);
        LessonState lesson = lesson(command.lessonId());
        boolean consumed = command.outcome() == LessonOutcome.CONSUMED;
        LessonStatus wanted = consumed ? LessonStatus.RESOLVED_CONSUMED : LessonStatus.REVERSED;
        if (lesson.status() == wanted) {
            return lesson.status();
        }
        if (lesson.status() != LessonStatus.DISPUTED) {
            throw new Refusal(
                    ProblemCode.LESSON_NOT_DISPUTED, "lesson " + lesson.lessonId() + " is " + lesson.status());
        }
        JournalEntry entry = consumed
                ? policy.consumption(lesson.amountFen(), institutionId)
                : JournalEntry.of(account(AccountType.AWAITING_CONFIRMATION), prepaidAccount(), lesson.amountFen());
        apply(new LessonResolved(
                accountId,
                lesson.orderId(),
                lesson.lessonId(),
                command.outcome(),
                lesson.hours(),
                command.reason(),
                command.now(),
                entry));
        if (!consumed && (woundDown || wasRefunded(lesson.orderId()))) {
            refundReversedHours(lesson, command.now());
        }
        releaseHoldbackIfComplete(lesson.orderId(), command.now());
        return lesson(command.lessonId()).status();
    }

    // ---------------------------------------------------------------- refunds (退费)

    /** Refund = paid − consumed hours × price − already refunded: the hours not yet consumed. */
    @CommandHandler
    RefundRequested handle(RequestRefund command, ReleasePolicy policy) {
        if (refunds.containsKey(command.refundId())) {
            throw new IllegalStateException("refund " + command.refundId() + " reached its account twice; "
                    + "the idempotency record should have answered the repeat");
        }
        closeWindows(command.now(), policy);
        OrderState order = order(command.orderId());
        if (!order.isPaid()) {
            throw new Refusal(ProblemCode.ORDER_NOT_PAID, "order " + order.orderId() + " is " + order.status());
        }
        if (hasPendingRefund(order.orderId())) {
            throw new Refusal(ProblemCode.REFUND_PENDING, "order " + order.orderId() + " already has a refund waiting");
        }
        if (order.remainingHours() == 0) {
            throw new Refusal(
                    ProblemCode.NOTHING_TO_REFUND,
                    "every class hour of order " + order.orderId() + " is consumed or refunded");
        }
        RefundRequested requested = new RefundRequested(
                accountId,
                command.refundId(),
                order.orderId(),
                order.unconsumedFen(),
                order.remainingHours(),
                command.reason(),
                command.now(),
                command.answerBy());
        apply(requested);
        return requested;
    }

    @CommandHandler
    RefundStatus handle(AnswerRefund command, ReleasePolicy policy) {
        boolean approve = command.decision() == RefundDecision.APPROVE;
        RefundState asked = refund(command.refundId());
        if (!approve && asked.decidedByWindow(command.now())) {
            throw new Refusal(
                    ProblemCode.ANSWER_WINDOW_CLOSED,
                    "the answer window of refund " + asked.refundId() + " closed at " + asked.answerBy()
                            + "; the refund is approved");
        }
        closeWindows(command.now(), policy);
        RefundState refund = refund(command.refundId());
        if (refund.status() == (approve ? RefundStatus.APPROVED : RefundStatus.CONTESTED)) {
            return refund.status();
        }
        if (refund.status() != RefundStatus.AWAITING_INSTITUTION) {
            throw new Refusal(
                    ProblemCode.REFUND_ALREADY_ANSWERED, "refund " + refund.refundId() + " is " + refund.status());
        }
        if (approve) {
            approve(refund, RefundApprover.INSTITUTION, command.custodyAccountNo(), command.now());
        } else {
            apply(new RefundContested(accountId, refund.refundId(), refund.orderId(), command.reason(), command.now()));
        }
        return refund(command.refundId()).status();
    }

    @CommandHandler
    RefundStatus handle(ResolveRefund command) {
        RefundState refund = refund(command.refundId());
        boolean approve = command.outcome() == RefundOutcome.APPROVE;
        if (refund.status() == (approve ? RefundStatus.APPROVED : RefundStatus.DENIED)) {
            return refund.status();
        }
        if (refund.status() != RefundStatus.CONTESTED) {
            throw new Refusal(
                    ProblemCode.REFUND_NOT_CONTESTED, "refund " + refund.refundId() + " is " + refund.status());
        }
        if (approve) {
            approve(refund, RefundApprover.REGULATOR, command.custodyAccountNo(), command.now());
        } else {
            apply(new RefundDenied(accountId, refund.refundId(), refund.orderId(), command.reason(), command.now()));
            releaseHoldbackIfComplete(refund.orderId(), command.now());
        }
        return refund(command.refundId()).status();
    }

    /**
     * 机构关停: every unconsumed fee goes back, refunds already asked for first, and unpaid orders are
     * cancelled so that money arriving for them later is returned too.
     */
    @CommandHandler
    WindDownRefunds handle(RefundForWindDown command, ReleasePolicy policy) {
        closeWindows(command.now(), policy);
        if (!woundDown) {
            apply(new AccountWoundDown(accountId, command.now()));
        }
        long refundedFen = 0;
        int count = 0;
        for (OrderState order : List.copyOf(orders.values())) {
            if (order.status() == OrderStatus.AWAITING_PAYMENT) {
                apply(new OrderCancelled(accountId, order.orderId(), command.now()));
            }
            if (order.status() != OrderStatus.PAID) {
                continue;
            }
            RefundState refund = refunds.values().stream()
                    .filter(r -> r.orderId().equals(order.orderId()) && r.isPending())
                    .findFirst()
                    .orElseGet(() -> requestForWindDown(order, command.now()));
            approve(refund, RefundApprover.WIND_DOWN, command.custodyAccountNo(), command.now());
            refundedFen = Fen.plus(refundedFen, refund.amountFen());
            count++;
            // A refund asked for earlier covers only the hours unconsumed when it was asked for; a disputed
            // lesson reversed since then gave back hours it does not cover, and they must not stay behind.
            OrderState rest = order(order.orderId());
            if (rest.status() == OrderStatus.PAID) {
                RefundState remainder = requestForWindDown(rest, command.now());
                approve(remainder, RefundApprover.WIND_DOWN, command.custodyAccountNo(), command.now());
                refundedFen = Fen.plus(refundedFen, remainder.amountFen());
                count++;
            }
            if (order(order.orderId()).remainingHours() != 0) {
                throw new IllegalStateException(
                        "order " + order.orderId() + " still has unconsumed hours after its wind-down refunds");
            }
        }
        return new WindDownRefunds(count, refundedFen);
    }

    /**
     * The bank's answer to the refund's current instruction. EXECUTED pays it. FAILED keeps the
     * approval: the money stays in transit and goes to the bank again at once, until the attempts
     * run out and the refund is UNDELIVERABLE, waiting for a regulator.
     */
    @CommandHandler
    RefundStatus handle(RecordRefundResult command, InstructionPolicy instructions) {
        RefundState refund = refund(command.refundId());
        InstructionLife life = refund.instruction();
        if (refund.status() != RefundStatus.APPROVED
                || life == null
                || !life.instructionId().equals(command.instructionId())) {
            throw new IllegalStateException("refund " + refund.refundId() + " is " + refund.status()
                    + " with instruction "
                    + (life == null ? null : life.instructionId()) + "; the answer to " + command.instructionId()
                    + " should have been answered by its idempotency record");
        }
        AccountCode inTransit = AccountCode.ofStudent(AccountType.REFUND_IN_TRANSIT, institutionId, studentId);
        if (command.outcome() == InstructionOutcome.EXECUTED) {
            apply(new RefundExecuted(
                    accountId,
                    refund.refundId(),
                    refund.orderId(),
                    life.instructionId(),
                    refund.amountFen(),
                    command.bankTxnId(),
                    command.executedAt(),
                    JournalEntry.of(inTransit, account(AccountType.CUSTODY_CASH), refund.amountFen())));
            releaseHoldbackIfComplete(refund.orderId(), command.executedAt());
            return refund(command.refundId()).status();
        }
        boolean retry = life.retriesAfterFailure(instructions);
        apply(new RefundFailed(
                accountId,
                refund.refundId(),
                refund.orderId(),
                life.instructionId(),
                refund.amountFen(),
                command.bankTxnId(),
                command.reason(),
                command.executedAt(),
                !retry));
        if (retry) {
            reinstruct(refund, refund.payeeRef(), null, command.executedAt());
        }
        return refund(command.refundId()).status();
    }

    /** A regulator's new instruction for an undeliverable refund, to the payee it names or the original one. */
    @CommandHandler
    String handle(ResolveUndeliverableRefund command) {
        RefundState refund = refund(command.refundId());
        if (refund.status() != RefundStatus.UNDELIVERABLE
                || !refund.instruction().instructionId().equals(command.instructionId())) {
            throw new Refusal(
                    ProblemCode.INSTRUCTION_NOT_UNDELIVERABLE,
                    "instruction " + command.instructionId() + " of refund " + refund.refundId()
                            + " is not waiting for a regulator");
        }
        reinstruct(
                refund,
                command.payeeRef() == null ? refund.payeeRef() : command.payeeRef(),
                command.reason(),
                command.now());
        return refund(command.refundId()).instruction().instructionId();
    }

    // ---------------------------------------------------------------- release (序时拨付)

    /**
     * Releases the releasable money of every order that is not frozen (by a disputed lesson or a
     * pending refund) into the disbursement instruction. Returns the orders' portions; none changes nothing.
     */
    @CommandHandler
    List<OrderAmount> handle(ReleaseForDisbursement command, ReleasePolicy policy) {
        closeWindows(command.now(), policy);
        List<OrderAmount> portions = orders.values().stream()
                .filter(order -> order.releasableFen() > 0 && !isFrozen(order.orderId()))
                .map(order -> new OrderAmount(order.orderId(), order.releasableFen()))
                .toList();
        long total = portions.stream().mapToLong(OrderAmount::amountFen).reduce(0, Fen::plus);
        if (total > 0) {
            apply(new ConsumptionReleased(
                    accountId,
                    command.instructionId(),
                    portions,
                    total,
                    command.now(),
                    JournalEntry.of(
                            account(AccountType.RELEASABLE), account(AccountType.DISBURSEMENT_IN_TRANSIT), total)));
        }
        return portions;
    }

    @CommandHandler
    void handle(SettleRelease command) {
        List<OrderAmount> portions = releasesInTransit.get(command.instructionId());
        if (portions != null) {
            apply(new ReleaseDisbursed(
                    accountId,
                    command.instructionId(),
                    portions,
                    portions.stream().mapToLong(OrderAmount::amountFen).reduce(0, Fen::plus),
                    command.executedAt()));
        }
    }

    @CommandHandler
    long handle(ReturnRelease command) {
        List<OrderAmount> portions = releasesInTransit.getOrDefault(command.instructionId(), List.of());
        long total = portions.stream().mapToLong(OrderAmount::amountFen).reduce(0, Fen::plus);
        if (total > 0) {
            apply(new ReleaseReturned(
                    accountId,
                    command.instructionId(),
                    portions,
                    total,
                    command.now(),
                    JournalEntry.of(
                            account(AccountType.DISBURSEMENT_IN_TRANSIT), account(AccountType.RELEASABLE), total)));
        }
        return total;
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(OrderPlaced event) {
        accountId = event.accountId();
        institutionId = event.institutionId();
        studentId = event.studentId();
        orders.put(event.orderId(), OrderState.placed(event));
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        orders.computeIfPresent(event.orderId(), (id, order) -> order.withStatus(OrderStatus.CANCELLED));
    }

    @EventSourcingHandler
    void on(OrderExpired event) {
        orders.computeIfPresent(event.orderId(), (id, order) -> order.withStatus(OrderStatus.EXPIRED));
    }

    @EventSourcingHandler
    void on(CollectionApplied event) {
        custodyAccountNo = event.custodyAccountNo();
        orders.computeIfPresent(event.orderId(), (id, order) -> order.paidBy(event.bankTxnId(), event.receivedAt()));
    }

    @EventSourcingHandler
    void on(LessonReported event) {
        OrderState order = orders.computeIfPresent(event.orderId(), (id, o) -> o.consuming(event.hours()));
        lessons.put(event.lessonId(), LessonState.reported(event, order.mode()));
    }

    @EventSourcingHandler
    void on(LessonConfirmed event) {
        lessons.computeIfPresent(event.lessonId(), (id, lesson) -> lesson.confirmed(event.byWindow()));
        recordConsumption(event.orderId(), event.journalEntry());
    }

    @EventSourcingHandler
    void on(LessonDisputed event) {
        lessons.computeIfPresent(event.lessonId(), (id, lesson) -> lesson.withStatus(LessonStatus.DISPUTED));
    }

    @EventSourcingHandler
    void on(LessonResolved event) {
        if (event.outcome() == LessonOutcome.CONSUMED) {
            lessons.computeIfPresent(
                    event.lessonId(), (id, lesson) -> lesson.withStatus(LessonStatus.RESOLVED_CONSUMED));
            recordConsumption(event.orderId(), event.journalEntry());
            return;
        }
        lessons.computeIfPresent(event.lessonId(), (id, lesson) -> lesson.withStatus(LessonStatus.REVERSED));
        orders.computeIfPresent(event.orderId(), (id, order) -> order.consuming(-event.hours()));
    }

    @EventSourcingHandler
    void on(AccountWoundDown event) {
        woundDown = true;
    }

    @EventSourcingHandler
    void on(HoldbackReleased event) {
        orders.computeIfPresent(event.orderId(), (id, order) -> order.releasing(event.amountFen(), -event.amountFen()));
    }

    @EventSourcingHandler
    void on(ConsumptionReleased event) {
        event.portions()
                .forEach(p -> orders.computeIfPresent(p.orderId(), (id, order) -> order.releasing(-p.amountFen(), 0)));
        releasesInTransit.put(event.instructionId(), event.portions());
    }

    @EventSourcingHandler
    void on(ReleaseDisbursed event) {
        releasesInTransit.remove(event.instructionId());
    }

    @EventSourcingHandler
    void on(ReleaseReturned event) {
        event.portions()
                .forEach(p -> orders.computeIfPresent(p.orderId(), (id, order) -> order.releasing(p.amountFen(), 0)));
        releasesInTransit.remove(event.instructionId());
    }

    @EventSourcingHandler
    void on(RefundRequested event) {
        refunds.put(event.refundId(), RefundState.requested(event));
    }

    @EventSourcingHandler
    void on(RefundContested event) {
        refunds.computeIfPresent(event.refundId(), (id, refund) -> refund.withStatus(RefundStatus.CONTESTED));
    }

    @EventSourcingHandler
    void on(RefundDenied event) {
        refunds.computeIfPresent(event.refundId(), (id, refund) -> refund.withStatus(RefundStatus.DENIED));
    }

    @EventSourcingHandler
    void on(RefundApproved event) {
        refunds.computeIfPresent(
                event.refundId(),
                (id, refund) -> refund.approvedBy(event.approvedBy())
                        .instructed(InstructionLife.issued(event.instructionId()), event.payeeRef()));
        orders.computeIfPresent(event.orderId(), (id, order) -> order.refunding(event.hours()));
    }

    @EventSourcingHandler
    void on(RefundExecuted event) {
        refunds.computeIfPresent(
                event.refundId(),
                (id, refund) -> refund.withStatus(RefundStatus.REFUNDED)
                        .instructed(refund.instruction().executed(), refund.payeeRef()));
    }

    @EventSourcingHandler
    void on(RefundFailed event) {
        if (event.undeliverable()) {
            refunds.computeIfPresent(
                    event.refundId(),
                    (id, refund) -> refund.withStatus(RefundStatus.UNDELIVERABLE)
                            .instructed(refund.instruction().undeliverable(), refund.payeeRef()));
        }
    }

    @EventSourcingHandler
    void on(RefundReinstructed event) {
        refunds.computeIfPresent(
                event.refundId(),
                (id, refund) -> refund.withStatus(RefundStatus.APPROVED)
                        .instructed(
                                event.resolution() == null
                                        ? refund.instruction().retried()
                                        : refund.instruction().resolved(),
                                event.payeeRef()));
    }

    // ---------------------------------------------------------------- rules

    private void confirm(LessonState lesson, boolean byWindow, Instant now, ReleasePolicy policy) {
        apply(new LessonConfirmed(
                accountId,
                lesson.orderId(),
                lesson.lessonId(),
                byWindow,
                now,
                policy.consumption(lesson.amountFen(), institutionId)));
        releaseHoldbackIfComplete(lesson.orderId(), now);
    }

    /** Reads the releasable and held-back parts of a consumption entry back into its order. */
    private void recordConsumption(String orderId, JournalEntry entry) {
        long releasable = entry.creditedFen(AccountType.RELEASABLE);
        long heldBack = entry.creditedFen(AccountType.HELD_BACK);
        orders.computeIfPresent(orderId, (id, order) -> order.releasing(releasable, heldBack));
    }

    /**
     * An order completes when no hour is left to consume and no lesson or refund waits for an answer;
     * then what was held back becomes releasable.
     */
    private void releaseHoldbackIfComplete(String orderId, Instant now) {
        OrderState order = order(orderId);
        // A refund approved but not yet paid keeps the order open too: the hold-back is the last money the
        // institution gets, and it waits until the parent has been paid.
        boolean open = lessons.values().stream().anyMatch(l -> l.orderId().equals(orderId) && l.isOpen())
                || hasPendingRefund(orderId)
                || refunds.values().stream().anyMatch(r -> r.orderId().equals(orderId) && r.isUnpaid());
        if (order.remainingHours() == 0 && order.heldBackFen() > 0 && !open) {
            apply(new HoldbackReleased(
                    accountId,
                    orderId,
                    order.heldBackFen(),
                    now,
                    JournalEntry.of(
                            account(AccountType.HELD_BACK), account(AccountType.RELEASABLE), order.heldBackFen())));
        }
    }

    /**
     * 逾期视为: a window's outcome takes effect at its deadline, whether or not a run has come by since.
     * Every command of the account calls this first, so that no answer, sale, lesson or release is
     * judged against a window that has closed; the outcome is dated at the deadline.
     */
    private WindowsClosed closeWindows(Instant now, ReleasePolicy policy) {
        int confirmed = 0;
        for (LessonState lesson : List.copyOf(lessons.values())) {
            if (lesson.status() == LessonStatus.AWAITING_CONFIRMATION && !now.isBefore(lesson.confirmBy())) {
                confirm(lesson, true, lesson.confirmBy(), policy);
                confirmed++;
            }
        }
        int approved = 0;
        for (RefundState refund : List.copyOf(refunds.values())) {
            if (refund.status() == RefundStatus.AWAITING_INSTITUTION && !now.isBefore(refund.answerBy())) {
                approve(refund, RefundApprover.WINDOW, custodyAccountNo, refund.answerBy());
                approved++;
            }
        }
        return new WindowsClosed(confirmed, approved);
    }

    /** What the student owes the caps for, in the subject of a sale. */
    private SaleRules.Exposure exposure(String subject) {
        return SaleRules.Exposure.of(orders.values(), lessons.values(), subject);
    }

    /** Whether an expired order, paid in time but reported late, still fits the caps it freed on expiring. */
    private boolean fitsTheCaps(OrderState order, SalePolicy policy) {
        SaleRules.Sale sale = new SaleRules.Sale(
                InstitutionStatus.ACTIVE,
                null,
                order.subject(),
                order.hours(),
                order.amountFen(),
                order.startDate(),
                order.endDate(),
                exposure(order.subject()));
        return SaleRules.HOURS_CAP.check(sale, policy).isEmpty()
                && SaleRules.AMOUNT_CAP.check(sale, policy).isEmpty();
    }

    /** Whether a refund of the order was approved: the parent has taken the order's money back. */
    private boolean wasRefunded(String orderId) {
        return refunds.values().stream()
                .anyMatch(r -> r.orderId().equals(orderId) && (r.isUnpaid() || r.status() == RefundStatus.REFUNDED));
    }

    /**
     * A lesson reversed after its order was refunded or its institution wound down gives hours back
     * that nobody would ever consume: they go back to the student by the same path, a refund.
     */
    private void refundReversedHours(LessonState lesson, Instant now) {
        OrderState order = order(lesson.orderId());
        if (hasPendingRefund(order.orderId()) || order.remainingHours() == 0) {
            return;
        }
        // A colon cannot appear in a client-chosen id, so this can never collide with the platform's.
        String refundId = "reversal:" + lesson.lessonId();
        apply(new RefundRequested(
                accountId,
                refundId,
                order.orderId(),
                order.unconsumedFen(),
                order.remainingHours(),
                "lesson " + lesson.lessonId() + " reversed after the order's refund",
                now,
                now));
        approve(
                refund(refundId),
                woundDown ? RefundApprover.WIND_DOWN : RefundApprover.LESSON_REVERSED,
                custodyAccountNo,
                now);
    }

    private void approve(RefundState refund, RefundApprover approver, String custodyAccountNo, Instant now) {
        OrderState order = order(refund.orderId());
        apply(new RefundApproved(
                accountId,
                institutionId,
                refund.refundId(),
                refund.orderId(),
                refund.amountFen(),
                refund.hours(),
                approver,
                RefundState.instructionIdOf(refund.refundId()),
                custodyAccountNo,
                order.collectionBankTxnId(),
                now,
                JournalEntry.of(
                        prepaidAccount(),
                        AccountCode.ofStudent(AccountType.REFUND_IN_TRANSIT, institutionId, studentId),
                        refund.amountFen())));
    }

    /** The refund's money, in transit, goes to the bank again under the next instruction id. */
    private void reinstruct(RefundState refund, String payeeRef, String resolution, Instant now) {
        String previous = refund.instruction().instructionId();
        apply(new RefundReinstructed(
                accountId,
                institutionId,
                refund.refundId(),
                refund.orderId(),
                refund.instruction().nextInstructionId(),
                refund.amountFen(),
                custodyAccountNo,
                payeeRef,
                previous,
                resolution,
                now));
    }

    private RefundState requestForWindDown(OrderState order, Instant now) {
        long earlier = refunds.values().stream()
                .filter(r -> r.orderId().equals(order.orderId()))
                .count();
        // A colon cannot appear in a client-chosen id, so this can never collide with the platform's.
        String refundId = "wind-down:" + order.orderId() + ":" + (earlier + 1);
        apply(new RefundRequested(
                accountId,
                refundId,
                order.orderId(),
                order.unconsumedFen(),
                order.remainingHours(),
                "institution winding down",
                now,
                now));
        return refund(refundId);
    }

    private boolean hasPendingRefund(String orderId) {
        return refunds.values().stream().anyMatch(r -> r.orderId().equals(orderId) && r.isPending());
    }

    /** A disputed lesson or a pending refund freezes the release of its order. */
    private boolean isFrozen(String orderId) {
        return hasPendingRefund(orderId)
                || lessons.values().stream()
                        .anyMatch(l -> l.orderId().equals(orderId) && l.status() == LessonStatus.DISPUTED);
    }

    /** Unpaid orders past their deadline stop holding a share of the caps before a new sale is judged. */
    private void expireOverdue(Instant now) {
        orders.values().stream()
                .filter(order -> order.isOverdue(now))
                .map(OrderState::orderId)
                .toList()
                .forEach(orderId -> apply(new OrderExpired(accountId, orderId, now)));
    }

    private List<LessonState> onlineLessonsOnDayOf(Instant startedAt) {
        var day = LedgerTime.dateOf(startedAt);
        return lessons.values().stream()
                .filter(l -> l.mode() == CourseMode.ONLINE && l.status() != LessonStatus.REVERSED)
                .filter(l -> LedgerTime.dateOf(l.startedAt()).equals(day))
                .toList();
    }

    private OrderState order(String orderId) {
        return Objects.requireNonNull(orders.get(orderId), () -> "order " + orderId + " is not in " + accountId);
    }

    private LessonState lesson(String lessonId) {
        return Objects.requireNonNull(lessons.get(lessonId), () -> "lesson " + lessonId + " is not in " + accountId);
    }

    private RefundState refund(String refundId) {
        return Objects.requireNonNull(refunds.get(refundId), () -> "refund " + refundId + " is not in " + accountId);
    }

    private AccountCode account(AccountType type) {
        return AccountCode.of(type, institutionId);
    }

    private AccountCode prepaidAccount() {
        return AccountCode.ofStudent(AccountType.STUDENT_PREPAID, institutionId, studentId);
    }
}
