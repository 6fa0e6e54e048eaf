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
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.AnswerLesson;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ApplyCollection;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.CancelOrder;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ExpireOrder;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.PlaceOrder;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ReportLesson;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ResolveLesson;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.CollectionApplied;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonConfirmed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonDisputed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonReported;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonResolved;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderCancelled;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderExpired;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderPlaced;
import com.tuitionescrow.ledger.shared.LedgerTime;
import com.tuitionescrow.ledger.shared.Refusal;
import java.time.Duration;
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
 * 学员预付账户: everything one student has prepaid at one institution, order by order. The caps
 * count across the student's orders, so they are one consistency boundary: two concurrent sales
 * or collections for the same student append to the same event stream, and the loser of that race
 * is retried against the winner's state. No cap can be passed by concurrency, and no other
 * student waits.
 */
@Aggregate
class PrepaidAccount {

    @AggregateIdentifier
    private String accountId;
    private String institutionId;
    private String studentId;
    private final Map<String, OrderState> orders = new LinkedHashMap<>();
    private final Map<String, LessonState> lessons = new LinkedHashMap<>();

    protected PrepaidAccount() {
    }

    static String idOf(String institutionId, String studentId) {
        return "prepaid:" + institutionId + ":" + studentId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    OrderPlaced handle(PlaceOrder command, SalePolicy policy) {
        if (orders.containsKey(command.orderId())) {
            throw new IllegalStateException("order " + command.orderId() + " reached its account twice; "
                    + "the idempotency record should have answered the repeat");
        }
        expireOverdue(command.now());
        SaleRules.check(new SaleRules.Sale(command.institutionStatus(), LedgerTime.dateOf(command.now()),
                command.subject(), command.hours(), command.amountFen(), command.startDate(), command.endDate(),
                exposure(command.subject())), policy);
        OrderPlaced placed = new OrderPlaced(command.accountId(), command.orderId(), command.institutionId(),
                command.studentId(), command.contractNo(), command.courseId(), command.subject(), command.mode(),
                command.pricePerHourFen(), command.hours(), command.startDate(), command.endDate(), command.amountFen(),
                command.now(), command.now().plus(policy.paymentWindow()));
        apply(placed);
        return placed;
    }

    @CommandHandler
    OrderStatus handle(CancelOrder command) {
        OrderState order = order(command.orderId());
        if (order.status() == OrderStatus.AWAITING_PAYMENT) {
            apply(new OrderCancelled(accountId, order.orderId(), command.now()));
        } else if (order.status() != OrderStatus.CANCELLED) {
            throw new Refusal(ProblemCode.ORDER_NOT_CANCELLABLE,
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
     * money: a payment made in time but reported late still pays an order that kept its reservation.
     */
    @CommandHandler
    CollectionDecision handle(ApplyCollection command) {
        OrderState order = order(command.orderId());
        if (!command.custodyAccountNo().equals(command.institutionCustodyAccountNo())) {
            return new CollectionDecision(SuspenseReason.ACCOUNT_MISMATCH);
        }
        switch (order.status()) {
            case CANCELLED:
                return new CollectionDecision(SuspenseReason.ORDER_CANCELLED);
            case EXPIRED:
                return new CollectionDecision(SuspenseReason.ORDER_EXPIRED);
            case PAID, COMPLETED:
                return new CollectionDecision(SuspenseReason.ORDER_ALREADY_PAID);
            case AWAITING_PAYMENT:
                break;
        }
        if (!command.receivedAt().isBefore(order.payBy())) {
            apply(new OrderExpired(accountId, order.orderId(), command.now()));
            return new CollectionDecision(SuspenseReason.ORDER_EXPIRED);
        }
        if (command.amountFen() != order.amountFen()) {
            return new CollectionDecision(SuspenseReason.AMOUNT_MISMATCH);
        }
        apply(new CollectionApplied(accountId, order.orderId(), command.bankTxnId(), command.custodyAccountNo(),
                command.amountFen(), command.receivedAt(),
                JournalEntry.of(account(AccountType.CUSTODY_CASH), prepaidAccount(), command.amountFen())));
        return CollectionDecision.APPLIED;
    }

    @CommandHandler
    List<LessonViolation> handle(ReportLesson command) {
        OrderState order = order(command.orderId());
        if (lessons.containsKey(command.lessonId())) {
            throw new IllegalStateException("lesson " + command.lessonId() + " reached its account twice; "
                    + "the idempotency record should have answered the repeat");
        }
        if (command.institutionStatus() != InstitutionStatus.ACTIVE) {
            throw new Refusal(ProblemCode.INSTITUTION_NOT_ACTIVE, "the institution is " + command.institutionStatus());
        }
        if (order.status() == OrderStatus.AWAITING_PAYMENT || order.status() == OrderStatus.EXPIRED
                || order.status() == OrderStatus.CANCELLED) {
            throw new Refusal(ProblemCode.ORDER_NOT_PAID, "order " + order.orderId() + " is " + order.status());
        }
        if (command.hours() > order.remainingHours()) {
            throw new Refusal(ProblemCode.INSUFFICIENT_HOURS, "order " + order.orderId() + " has "
                    + order.remainingHours() + " class hours left; the lesson reports " + command.hours());
        }
        List<LessonViolation> violations = LessonTimeRules.check(order.mode(), command.startedAt(), command.endedAt(),
                onlineBreakBefore(command.startedAt()), onlineBreakAfter(command.startedAt(), command.endedAt()));
        long amountFen = Fen.times(order.pricePerHourFen(), command.hours());
        apply(new LessonReported(accountId, order.orderId(), command.lessonId(), command.hours(), amountFen,
                command.startedAt(), command.endedAt(), violations, command.now(),
                JournalEntry.of(prepaidAccount(), account(AccountType.AWAITING_CONFIRMATION), amountFen)));
        return violations;
    }

    /** The parent's answer; repeating the same answer changes nothing, a different one is refused. */
    @CommandHandler
    LessonStatus handle(AnswerLesson command) {
        LessonState lesson = lesson(command.lessonId());
        LessonStatus wanted = command.decision() == LessonDecision.CONFIRM ? LessonStatus.CONFIRMED : LessonStatus.DISPUTED;
        if (lesson.status() == wanted) {
            return lesson.status();
        }
        if (lesson.status() != LessonStatus.AWAITING_CONFIRMATION) {
            throw new Refusal(ProblemCode.LESSON_ALREADY_ANSWERED, "lesson " + lesson.lessonId() + " is " + lesson.status());
        }
        if (wanted == LessonStatus.CONFIRMED) {
            apply(new LessonConfirmed(accountId, lesson.orderId(), lesson.lessonId(), command.now(),
                    JournalEntry.of(account(AccountType.AWAITING_CONFIRMATION), account(AccountType.RELEASABLE),
                            lesson.amountFen())));
        } else {
            apply(new LessonDisputed(accountId, lesson.orderId(), lesson.lessonId(), command.reason(), command.now()));
        }
        return lesson(command.lessonId()).status();
    }

    /** A regulator's ruling on a disputed lesson; repeating the same ruling changes nothing. */
    @CommandHandler
    LessonStatus handle(ResolveLesson command) {
        LessonState lesson = lesson(command.lessonId());
        boolean consumed = command.outcome() == LessonOutcome.CONSUMED;
        LessonStatus wanted = consumed ? LessonStatus.RESOLVED_CONSUMED : LessonStatus.REVERSED;
        if (lesson.status() == wanted) {
            return lesson.status();
        }
        if (lesson.status() != LessonStatus.DISPUTED) {
            throw new Refusal(ProblemCode.LESSON_NOT_DISPUTED, "lesson " + lesson.lessonId() + " is " + lesson.status());
        }
        AccountCode destination = consumed ? account(AccountType.RELEASABLE) : prepaidAccount();
        apply(new LessonResolved(accountId, lesson.orderId(), lesson.lessonId(), command.outcome(), lesson.hours(),
                command.reason(), command.now(),
                JournalEntry.of(account(AccountType.AWAITING_CONFIRMATION), destination, lesson.amountFen())));
        return lesson(command.lessonId()).status();
    }

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
        orders.computeIfPresent(event.orderId(), (id, order) -> order.withStatus(OrderStatus.PAID));
    }

    @EventSourcingHandler
    void on(LessonReported event) {
        OrderState order = orders.computeIfPresent(event.orderId(), (id, o) -> o.consuming(event.hours()));
        lessons.put(event.lessonId(), LessonState.reported(event, order.mode()));
    }

    @EventSourcingHandler
    void on(LessonConfirmed event) {
        lessons.computeIfPresent(event.lessonId(), (id, lesson) -> lesson.withStatus(LessonStatus.CONFIRMED));
    }

    @EventSourcingHandler
    void on(LessonDisputed event) {
        lessons.computeIfPresent(event.lessonId(), (id, lesson) -> lesson.withStatus(LessonStatus.DISPUTED));
    }

    @EventSourcingHandler
    void on(LessonResolved event) {
        if (event.outcome() == LessonOutcome.CONSUMED) {
            lessons.computeIfPresent(event.lessonId(), (id, lesson) -> lesson.withStatus(LessonStatus.RESOLVED_CONSUMED));
            return;
        }
        lessons.computeIfPresent(event.lessonId(), (id, lesson) -> lesson.withStatus(LessonStatus.REVERSED));
        orders.computeIfPresent(event.orderId(), (id, order) -> order.consuming(-event.hours()));
    }

    /** Unpaid orders past their deadline stop holding a share of the caps before a new sale is judged. */
    private void expireOverdue(Instant now) {
        orders.values().stream()
                .filter(order -> order.isOverdue(now))
                .map(order -> order.orderId())
                .toList()
                .forEach(orderId -> apply(new OrderExpired(accountId, orderId, now)));
    }

    private SaleRules.Exposure exposure(String subject) {
        long fen = 0;
        int hours = 0;
        int hoursInSubject = 0;
        for (OrderState order : orders.values()) {
            if (order.holdsReservation()) {
                fen = Fen.plus(fen, order.unconsumedFen());
                hours = Math.addExact(hours, order.remainingHours());
                if (order.subject().equals(subject)) {
                    hoursInSubject = Math.addExact(hoursInSubject, order.remainingHours());
                }
            }
        }
        return new SaleRules.Exposure(fen, hours, hoursInSubject);
    }

    private Duration onlineBreakBefore(Instant startedAt) {
        return onlineLessonsOnDayOf(startedAt).stream()
                .filter(other -> !other.startedAt().isAfter(startedAt))
                .map(other -> Duration.between(other.endedAt(), startedAt))
                .min(Duration::compareTo)
                .orElse(null);
    }

    private Duration onlineBreakAfter(Instant startedAt, Instant endedAt) {
        return onlineLessonsOnDayOf(startedAt).stream()
                .filter(other -> other.startedAt().isAfter(startedAt))
                .map(other -> Duration.between(endedAt, other.startedAt()))
                .min(Duration::compareTo)
                .orElse(null);
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

    private AccountCode account(AccountType type) {
        return AccountCode.of(type, institutionId);
    }

    private AccountCode prepaidAccount() {
        return AccountCode.ofStudent(AccountType.STUDENT_PREPAID, institutionId, studentId);
    }

    /** One order as the caps and lesson rules see it. Immutable: a change replaces it in the map. */
    private record OrderState(String orderId, String subject, CourseMode mode, long pricePerHourFen, int hours,
                              long amountFen, Instant payBy, OrderStatus status, int consumedHours) {

        static OrderState placed(OrderPlaced placed) {
            return new OrderState(placed.orderId(), placed.subject(), placed.mode(), placed.pricePerHourFen(),
                    placed.hours(), placed.amountFen(), placed.payBy(), OrderStatus.AWAITING_PAYMENT, 0);
        }

        OrderState withStatus(OrderStatus newStatus) {
            return new OrderState(orderId, subject, mode, pricePerHourFen, hours, amountFen, payBy, newStatus, consumedHours);
        }

        /** Consumption completes the order when no hour is left; a reversal (negative hours) reopens it. */
        OrderState consuming(int moreHours) {
            int consumed = consumedHours + moreHours;
            return new OrderState(orderId, subject, mode, pricePerHourFen, hours, amountFen, payBy,
                    consumed == hours ? OrderStatus.COMPLETED : OrderStatus.PAID, consumed);
        }

        int remainingHours() {
            return hours - consumedHours;
        }

        long unconsumedFen() {
            return Fen.times(pricePerHourFen, remainingHours());
        }

        boolean holdsReservation() {
            return status == OrderStatus.AWAITING_PAYMENT || status == OrderStatus.PAID;
        }

        boolean isOverdue(Instant now) {
            return status == OrderStatus.AWAITING_PAYMENT && !now.isBefore(payBy);
        }
    }

    private record LessonState(String lessonId, String orderId, CourseMode mode, int hours, long amountFen,
                               Instant startedAt, Instant endedAt, LessonStatus status) {

        static LessonState reported(LessonReported reported, CourseMode mode) {
            return new LessonState(reported.lessonId(), reported.orderId(), mode, reported.hours(), reported.amountFen(),
                    reported.startedAt(), reported.endedAt(), LessonStatus.AWAITING_CONFIRMATION);
        }

        LessonState withStatus(LessonStatus newStatus) {
            return new LessonState(lessonId, orderId, mode, hours, amountFen, startedAt, endedAt, newStatus);
        }
    }
}
