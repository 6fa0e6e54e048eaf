package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.accounting.Posting;
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
import com.tuitionescrow.ledger.twophase.InstructionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A student's prepaid account at one institution: sale, collection, lesson, answer and ruling,
 * given past events, when a command, then the events it records or the refusal it raises.
 */
class PrepaidAccountTest {

    private static final SalePolicy POLICY = new SalePolicy(
            500_000, 60, SalePolicy.HoursCapScope.INSTITUTION, 3, Period.ofMonths(1), 20, Duration.ofMinutes(30));
    /**
     * Short class hours, so that the lessons here (two hours of wall time holding up to ten class hours)
     * are judged by the rule each test is about; the class-hour rule has tests of its own.
     */
    private static final LessonPolicy LESSONS = new LessonPolicy(10, 5);

    private static final ReleasePolicy RELEASE = new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.PER_LESSON, 0);

    private static final String SCHOOL = "91350100M000100Y43";
    private static final String STUDENT = "stu-1";
    private static final String ACCOUNT = PrepaidAccount.idOf(SCHOOL, STUDENT);
    private static final String CUSTODY_NO = "6222000011112222";
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z"); // 10:00 in Beijing
    /** The end of the confirmation window of a lesson reported NOW (15 working days later, Beijing time). */
    private static final Instant CONFIRM_BY = Instant.parse("2026-03-23T16:00:00Z");

    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final LocalDate END = LocalDate.of(2026, 5, 31);

    private static final AccountCode CUSTODY = AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL);
    private static final AccountCode PREPAID = AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, STUDENT);
    private static final AccountCode AWAITING = AccountCode.of(AccountType.AWAITING_CONFIRMATION, SCHOOL);
    private static final AccountCode RELEASABLE = AccountCode.of(AccountType.RELEASABLE, SCHOOL);

    private AggregateTestFixture<PrepaidAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PrepaidAccount.class);
        fixture.registerInjectableResource(POLICY);
        fixture.registerInjectableResource(RELEASE);
        fixture.registerInjectableResource(LESSONS);
        fixture.registerInjectableResource(new InstructionPolicy(3));
    }

    // ---------------------------------------------------------------- test data

    /** An order placed {@code placedAt}; its payment window runs to {@code placedAt} + 30 minutes. */
    private static OrderPlaced placed(
            String orderId, String subject, CourseMode mode, long pricePerHourFen, int hours, Instant placedAt) {
        return new OrderPlaced(
                ACCOUNT,
                orderId,
                SCHOOL,
                STUDENT,
                "contract-" + orderId,
                "course-" + subject,
                subject,
                mode,
                pricePerHourFen,
                hours,
                START,
                END,
                pricePerHourFen * hours,
                placedAt,
                placedAt.plus(POLICY.paymentWindow()));
    }

    /** An offline order placed ten minutes ago: unpaid, still within its payment window. */
    private static OrderPlaced placed(String orderId, String subject, long pricePerHourFen, int hours) {
        return placed(orderId, subject, CourseMode.OFFLINE, pricePerHourFen, hours, NOW.minus(Duration.ofMinutes(10)));
    }

    private static CollectionApplied paid(OrderPlaced order) {
        return new CollectionApplied(
                ACCOUNT,
                order.orderId(),
                "txn-" + order.orderId(),
                CUSTODY_NO,
                order.amountFen(),
                paidAt(order),
                JournalEntry.of(CUSTODY, PREPAID, order.amountFen()));
    }

    /** Paid as the course's first day began, before any of its lessons. */
    private static Instant paidAt(OrderPlaced order) {
        return order.startDate().atStartOfDay(LedgerTime.ZONE).toInstant();
    }

    private static LessonReported reported(
            OrderPlaced order, String lessonId, int hours, Instant startedAt, Instant endedAt) {
        long amountFen = order.pricePerHourFen() * hours;
        return new LessonReported(
                ACCOUNT,
                order.orderId(),
                lessonId,
                hours,
                amountFen,
                startedAt,
                endedAt,
                List.of(),
                NOW,
                CONFIRM_BY,
                JournalEntry.of(PREPAID, AWAITING, amountFen));
    }

    private static LessonReported reported(OrderPlaced order, String lessonId, int hours) {
        return reported(order, lessonId, hours, beijing("2026-03-01T09:00"), beijing("2026-03-01T11:00"));
    }

    /** The parent confirmed the lesson: consumed, for the caps too. */
    private static LessonConfirmed confirmed(OrderPlaced order, String lessonId, int hours) {
        return new LessonConfirmed(
                ACCOUNT,
                order.orderId(),
                lessonId,
                false,
                NOW,
                JournalEntry.of(AWAITING, RELEASABLE, order.pricePerHourFen() * hours));
    }

    private static LessonDisputed disputed(LessonReported lesson) {
        return new LessonDisputed(ACCOUNT, lesson.orderId(), lesson.lessonId(), "the teacher did not come", NOW);
    }

    private static PlaceOrder placeOrder(String orderId, String subject, long pricePerHourFen, int hours) {
        return placeOrder(orderId, subject, pricePerHourFen, hours, START);
    }

    private static PlaceOrder placeOrder(
            String orderId, String subject, long pricePerHourFen, int hours, LocalDate start) {
        return new PlaceOrder(
                ACCOUNT,
                orderId,
                SCHOOL,
                STUDENT,
                "contract-" + orderId,
                "course-" + subject,
                subject,
                CourseMode.OFFLINE,
                pricePerHourFen,
                hours,
                start,
                start.plusMonths(3).minusDays(1),
                pricePerHourFen * hours,
                InstitutionStatus.ACTIVE,
                NOW);
    }

    private static OrderPlaced placedBy(PlaceOrder command) {
        return new OrderPlaced(
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
                command.now().plus(Duration.ofMinutes(30)));
    }

    private static ApplyCollection collection(String orderId, long amountFen, Instant receivedAt, Instant now) {
        return new ApplyCollection(
                ACCOUNT,
                orderId,
                "txn-bank-1",
                amountFen,
                CUSTODY_NO,
                CUSTODY_NO,
                InstitutionStatus.ACTIVE,
                receivedAt,
                now);
    }

    private static ReportLesson reportLesson(
            String orderId, String lessonId, int hours, Instant startedAt, Instant endedAt) {
        return new ReportLesson(
                ACCOUNT, orderId, lessonId, hours, startedAt, endedAt, InstitutionStatus.ACTIVE, CONFIRM_BY, NOW);
    }

    private static ReportLesson reportLesson(String orderId, String lessonId, int hours) {
        return reportLesson(orderId, lessonId, hours, beijing("2026-03-01T14:00"), beijing("2026-03-01T16:00"));
    }

    private static Instant beijing(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + ":00+08:00").toInstant();
    }

    private static Matcher<Refusal> refusal(ProblemCode code) {
        return new CustomTypeSafeMatcher<>("a refusal with code " + code) {
            @Override
            protected boolean matchesSafely(Refusal refusal) {
                return refusal.code() == code;
            }
        };
    }

    // ---------------------------------------------------------------- 售课: placing an order

    @Test
    void placing_the_first_order_opens_the_account_and_reserves_the_order_for_thirty_minutes() {
        PlaceOrder command = placeOrder("order-1", "piano", 15_000, 20);
        OrderPlaced expected = new OrderPlaced(
                ACCOUNT,
                "order-1",
                SCHOOL,
                STUDENT,
                "contract-order-1",
                "course-piano",
                "piano",
                CourseMode.OFFLINE,
                15_000,
                20,
                START,
                START.plusMonths(3).minusDays(1),
                300_000,
                NOW,
                Instant.parse("2026-03-02T02:30:00Z"));

        fixture.givenNoPriorActivity()
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectEvents(expected)
                .expectResultMessagePayload(expected);
    }

    @Test
    void a_sale_that_breaks_a_cap_on_a_new_account_is_refused() {
        fixture.givenNoPriorActivity()
                .when(placeOrder("order-1", "piano", 10_000, 61))
                .expectException(refusal(ProblemCode.CAP_HOURS))
                .expectNoEvents();
    }

    @Test
    void a_sale_from_an_institution_that_is_not_active_is_refused() {
        PlaceOrder fine = placeOrder("order-1", "piano", 10_000, 10);
        PlaceOrder fromSuspended = new PlaceOrder(
                fine.accountId(),
                fine.orderId(),
                fine.institutionId(),
                fine.studentId(),
                fine.contractNo(),
                fine.courseId(),
                fine.subject(),
                fine.mode(),
                fine.pricePerHourFen(),
                fine.hours(),
                fine.startDate(),
                fine.endDate(),
                fine.amountFen(),
                InstitutionStatus.SUSPENDED,
                NOW);

        fixture.givenNoPriorActivity()
                .when(fromSuspended)
                .expectException(refusal(ProblemCode.INSTITUTION_NOT_ACTIVE))
                .expectNoEvents();
    }

    @Test
    void the_amount_cap_counts_an_unpaid_order_already_placed_one_fen_over_is_refused() {
        // 3000 yuan of piano are reserved; 2000.01 yuan of violin would make 5000.01 outstanding.
        fixture.given(placed("order-1", "piano", 10_000, 30))
                .when(placeOrder("order-2", "violin", 66_667, 3))
                .expectException(refusal(ProblemCode.CAP_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void the_amount_cap_counts_an_unpaid_order_already_placed_exactly_5000_yuan_passes() {
        PlaceOrder command = placeOrder("order-2", "violin", 10_000, 20);

        fixture.given(placed("order-1", "piano", 10_000, 30))
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectEvents(placedBy(command));
    }

    @Test
    void the_hours_cap_counts_the_hours_of_every_order_outstanding() {
        OrderPlaced piano = placed("order-1", "piano", 1_000, 30);
        OrderPlaced drums = placed("order-2", "drums", 1_000, 20);

        fixture.given(piano, paid(piano), drums)
                .when(placeOrder("order-3", "violin", 1_000, 11))
                .expectException(refusal(ProblemCode.CAP_HOURS))
                .expectNoEvents();
    }

    @Test
    void an_overdue_unpaid_order_is_expired_before_the_sale_is_judged_and_no_longer_counts() {
        // Placed 30 minutes ago: its payment window closes now.
        OrderPlaced overdue =
                placed("order-1", "piano", CourseMode.OFFLINE, 10_000, 50, NOW.minus(Duration.ofMinutes(30)));
        PlaceOrder command = placeOrder("order-2", "violin", 10_000, 50);

        fixture.given(overdue)
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrderExpired(ACCOUNT, "order-1", NOW), placedBy(command));
    }

    @Test
    void an_unpaid_order_within_its_payment_window_still_counts() {
        // Its payment window closes a millisecond from now: it still holds 5000 yuan.
        OrderPlaced reserved = placed(
                "order-1",
                "piano",
                CourseMode.OFFLINE,
                10_000,
                50,
                NOW.minus(Duration.ofMinutes(30)).plusMillis(1));

        fixture.given(reserved)
                .when(placeOrder("order-2", "violin", 10_000, 1))
                .expectException(refusal(ProblemCode.CAP_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void a_refused_sale_does_not_keep_the_expiries_it_found() {
        OrderPlaced overdue =
                placed("order-1", "piano", CourseMode.OFFLINE, 10_000, 10, NOW.minus(Duration.ofHours(2)));
        OrderPlaced violin = placed("order-2", "violin", 10_000, 40);

        fixture.given(overdue, violin, paid(violin))
                .when(placeOrder("order-3", "drums", 10_000, 11))
                .expectException(refusal(ProblemCode.CAP_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void a_paid_order_counts_only_its_unconsumed_hours_so_one_fen_over_is_refused() {
        // 30 hours at 100 yuan paid, 10 reported: 20 hours, 2000 yuan, remain outstanding.
        OrderPlaced piano = placed("order-1", "piano", 10_000, 30);

        fixture.given(piano, paid(piano), reported(piano, "lesson-1", 10))
                .when(placeOrder("order-2", "violin", 23_077, 13)) // 3000.01 yuan
                .expectException(refusal(ProblemCode.CAP_AMOUNT))
                .expectNoEvents();
    }

    @Test
    void a_paid_order_counts_only_its_unconsumed_hours_so_exactly_5000_yuan_passes() {
        OrderPlaced piano = placed("order-1", "piano", 10_000, 30);
        PlaceOrder command = placeOrder("order-2", "violin", 10_000, 30);

        fixture.given(piano, paid(piano), reported(piano, "lesson-1", 10), confirmed(piano, "lesson-1", 10))
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectEvents(placedBy(command));
    }

    @Test
    void cancelled_and_expired_orders_hold_no_share_of_the_caps() {
        OrderPlaced cancelled = placed("order-1", "piano", 10_000, 50);
        OrderPlaced expired = placed("order-2", "violin", 10_000, 50);
        PlaceOrder command = placeOrder("order-3", "drums", 10_000, 50);

        fixture.given(
                        cancelled,
                        new OrderCancelled(ACCOUNT, "order-1", NOW),
                        expired,
                        new OrderExpired(ACCOUNT, "order-2", NOW))
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectEvents(placedBy(command));
    }

    @Test
    void renewing_a_subject_with_twenty_hours_left_passes() {
        OrderPlaced piano = placed("order-1", "piano", 1_000, 40);
        PlaceOrder renewal = placeOrder("order-2", "piano", 1_000, 10);

        fixture.given(piano, paid(piano), reported(piano, "lesson-1", 20), confirmed(piano, "lesson-1", 20))
                .when(renewal)
                .expectSuccessfulHandlerExecution()
                .expectEvents(placedBy(renewal));
    }

    @Test
    void renewing_a_subject_with_twenty_one_hours_left_is_refused() {
        OrderPlaced piano = placed("order-1", "piano", 1_000, 40);

        fixture.given(piano, paid(piano), reported(piano, "lesson-1", 19))
                .when(placeOrder("order-2", "piano", 1_000, 10))
                .expectException(refusal(ProblemCode.ADVANCE_TOO_EARLY))
                .expectNoEvents();
    }

    @Test
    void a_new_subject_starting_more_than_a_month_ahead_is_refused() {
        // Today is 2 March in Beijing: a course starting 3 April is sold from 3 March.
        fixture.givenNoPriorActivity()
                .when(placeOrder("order-1", "piano", 10_000, 10, LocalDate.of(2026, 4, 3)))
                .expectException(refusal(ProblemCode.ADVANCE_TOO_EARLY))
                .expectNoEvents();
    }

    @Test
    void the_day_of_the_sale_is_the_day_in_beijing() {
        // 16:00 UTC on 2 March is midnight, 3 March, in Beijing: a course starting 3 April may be sold.
        PlaceOrder base = placeOrder("order-1", "piano", 10_000, 10, LocalDate.of(2026, 4, 3));
        PlaceOrder atBeijingMidnight = new PlaceOrder(
                base.accountId(),
                base.orderId(),
                base.institutionId(),
                base.studentId(),
                base.contractNo(),
                base.courseId(),
                base.subject(),
                base.mode(),
                base.pricePerHourFen(),
                base.hours(),
                base.startDate(),
                base.endDate(),
                base.amountFen(),
                base.institutionStatus(),
                Instant.parse("2026-03-02T16:00:00Z"));

        fixture.givenNoPriorActivity()
                .when(atBeijingMidnight)
                .expectSuccessfulHandlerExecution()
                .expectEvents(placedBy(atBeijingMidnight));
    }

    @Test
    void the_same_order_reaching_its_account_twice_is_a_programming_error() {
        OrderPlaced order = placed("order-1", "piano", 10_000, 10);

        fixture.given(order)
                .when(placeOrder("order-1", "piano", 10_000, 10))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- cancelling and expiring

    @Test
    void cancelling_an_unpaid_order_records_its_cancellation() {
        fixture.given(placed("order-1", "piano", 10_000, 10))
                .when(new CancelOrder(ACCOUNT, "order-1", NOW))
                .expectEvents(new OrderCancelled(ACCOUNT, "order-1", NOW))
                .expectResultMessagePayload(OrderStatus.CANCELLED);
    }

    @Test
    void cancelling_a_cancelled_order_again_changes_nothing() {
        fixture.given(placed("order-1", "piano", 10_000, 10), new OrderCancelled(ACCOUNT, "order-1", NOW))
                .when(new CancelOrder(ACCOUNT, "order-1", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_paid_order_cannot_be_cancelled() {
        OrderPlaced order = placed("order-1", "piano", 10_000, 10);

        fixture.given(order, paid(order))
                .when(new CancelOrder(ACCOUNT, "order-1", NOW))
                .expectException(refusal(ProblemCode.ORDER_NOT_CANCELLABLE))
                .expectNoEvents();
    }

    @Test
    void an_unpaid_order_does_not_expire_before_its_pay_by_time() {
        OrderPlaced order = placed("order-1", "piano", 10_000, 10);

        fixture.given(order)
                .when(new ExpireOrder(ACCOUNT, "order-1", order.payBy().minusNanos(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(OrderStatus.AWAITING_PAYMENT);
    }

    @Test
    void an_unpaid_order_expires_at_its_pay_by_time() {
        OrderPlaced order = placed("order-1", "piano", 10_000, 10);

        fixture.given(order)
                .when(new ExpireOrder(ACCOUNT, "order-1", order.payBy()))
                .expectEvents(new OrderExpired(ACCOUNT, "order-1", order.payBy()))
                .expectResultMessagePayload(OrderStatus.EXPIRED);
    }

    @Test
    void a_paid_order_does_not_expire() {
        OrderPlaced order = placed("order-1", "piano", 10_000, 10);

        fixture.given(order, paid(order))
                .when(new ExpireOrder(ACCOUNT, "order-1", NOW.plus(Duration.ofDays(1))))
                .expectNoEvents()
                .expectResultMessagePayload(OrderStatus.PAID);
    }

    // ---------------------------------------------------------------- 收费: applying a collection

    @Test
    void money_received_in_time_with_the_right_amount_pays_the_order() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        Instant receivedAt = NOW.minus(Duration.ofMinutes(1));

        fixture.given(order)
                .when(collection("order-1", 300_000, receivedAt, NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CollectionApplied(
                        ACCOUNT,
                        "order-1",
                        "txn-bank-1",
                        CUSTODY_NO,
                        300_000,
                        receivedAt,
                        new JournalEntry(List.of(Posting.debit(CUSTODY, 300_000), Posting.credit(PREPAID, 300_000)))))
                .expectResultMessagePayload(CollectionDecision.APPLIED);
    }

    @Test
    void money_paid_into_another_custody_account_is_not_applied() {
        fixture.given(placed("order-1", "piano", 15_000, 20))
                .when(new ApplyCollection(
                        ACCOUNT,
                        "order-1",
                        "txn-bank-1",
                        300_000,
                        "6222999988887777",
                        CUSTODY_NO,
                        InstitutionStatus.ACTIVE,
                        NOW.minus(Duration.ofMinutes(1)),
                        NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new CollectionDecision(SuspenseReason.ACCOUNT_MISMATCH));
    }

    @Test
    void one_fen_less_than_the_order_is_not_applied() {
        fixture.given(placed("order-1", "piano", 15_000, 20))
                .when(collection("order-1", 299_999, NOW.minus(Duration.ofMinutes(1)), NOW))
                .expectNoEvents()
                .expectResultMessagePayload(new CollectionDecision(SuspenseReason.AMOUNT_MISMATCH));
    }

    @Test
    void one_fen_more_than_the_order_is_not_applied() {
        fixture.given(placed("order-1", "piano", 15_000, 20))
                .when(collection("order-1", 300_001, NOW.minus(Duration.ofMinutes(1)), NOW))
                .expectNoEvents()
                .expectResultMessagePayload(new CollectionDecision(SuspenseReason.AMOUNT_MISMATCH));
    }

    @Test
    void a_second_payment_for_a_paid_order_is_not_applied() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);

        fixture.given(order, paid(order))
                .when(collection("order-1", 300_000, NOW.minus(Duration.ofMinutes(1)), NOW))
                .expectNoEvents()
                .expectResultMessagePayload(new CollectionDecision(SuspenseReason.ORDER_ALREADY_PAID));
    }

    @Test
    void a_payment_for_a_completed_order_is_not_applied() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 2);

        fixture.given(order, paid(order), reported(order, "lesson-1", 2))
                .when(collection("order-1", 30_000, NOW.minus(Duration.ofMinutes(1)), NOW))
                .expectNoEvents()
                .expectResultMessagePayload(new CollectionDecision(SuspenseReason.ORDER_ALREADY_PAID));
    }

    @Test
    void a_payment_for_a_cancelled_order_is_not_applied() {
        fixture.given(placed("order-1", "piano", 15_000, 20), new OrderCancelled(ACCOUNT, "order-1", NOW))
                .when(collection("order-1", 300_000, NOW.minus(Duration.ofMinutes(1)), NOW))
                .expectNoEvents()
                .expectResultMessagePayload(new CollectionDecision(SuspenseReason.ORDER_CANCELLED));
    }

    @Test
    void a_payment_received_after_payBy_for_an_expired_order_is_not_applied() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        fixture.given(order, new OrderExpired(ACCOUNT, "order-1", NOW))
                .when(collection("order-1", 300_000, order.payBy(), NOW))
                .expectNoEvents()
                .expectResultMessagePayload(new CollectionDecision(SuspenseReason.ORDER_EXPIRED));
    }

    @Test
    void a_payment_received_before_payBy_pays_the_order_even_after_it_expired_while_the_caps_have_room() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        Instant inTime = order.payBy().minusSeconds(1);
        fixture.given(order, new OrderExpired(ACCOUNT, "order-1", NOW))
                .when(collection("order-1", 300_000, inTime, NOW.plus(Duration.ofHours(3))))
                .expectEvents(new CollectionApplied(
                        ACCOUNT,
                        "order-1",
                        "txn-bank-1",
                        CUSTODY_NO,
                        300_000,
                        inTime,
                        JournalEntry.of(CUSTODY, PREPAID, 300_000)))
                .expectResultMessagePayload(CollectionDecision.APPLIED);
        // Another sale took the room the expired order freed: 3000 + 3000 yuan would pass the cap.
        OrderPlaced other = placed("order-2", "violin", 15_000, 20);
        fixture.given(order, new OrderExpired(ACCOUNT, "order-1", NOW), other, paid(other))
                .when(collection("order-1", 300_000, inTime, NOW.plus(Duration.ofHours(3))))
                .expectNoEvents()
                .expectResultMessagePayload(new CollectionDecision(SuspenseReason.ORDER_EXPIRED));
    }

    @Test
    void a_payment_for_an_institution_that_may_not_sell_is_not_applied() {
        fixture.given(placed("order-1", "piano", 15_000, 20))
                .when(new ApplyCollection(
                        ACCOUNT,
                        "order-1",
                        "txn-bank-1",
                        300_000,
                        CUSTODY_NO,
                        CUSTODY_NO,
                        InstitutionStatus.BLACKLISTED,
                        NOW.minus(Duration.ofMinutes(1)),
                        NOW))
                .expectNoEvents()
                .expectResultMessagePayload(new CollectionDecision(SuspenseReason.INSTITUTION_NOT_ACTIVE));
    }

    @Test
    void money_received_at_the_pay_by_time_expires_the_order_and_is_not_applied() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        Instant later = order.payBy().plus(Duration.ofMinutes(5));

        fixture.given(order)
                .when(collection("order-1", 300_000, order.payBy(), later))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OrderExpired(ACCOUNT, "order-1", later))
                .expectResultMessagePayload(new CollectionDecision(SuspenseReason.ORDER_EXPIRED));
    }

    @Test
    void money_received_after_the_pay_by_time_expires_the_order_and_is_not_applied() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        Instant later = order.payBy().plus(Duration.ofMinutes(5));

        fixture.given(order)
                .when(collection("order-1", 300_000, order.payBy().plusSeconds(1), later))
                .expectEvents(new OrderExpired(ACCOUNT, "order-1", later))
                .expectResultMessagePayload(new CollectionDecision(SuspenseReason.ORDER_EXPIRED));
    }

    @Test
    void money_received_just_before_the_pay_by_time_pays_the_order_even_when_reported_late() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        Instant receivedAt = order.payBy().minusNanos(1);
        Instant reportedLate = order.payBy().plus(Duration.ofHours(1));

        fixture.given(order)
                .when(collection("order-1", 300_000, receivedAt, reportedLate))
                .expectEvents(new CollectionApplied(
                        ACCOUNT,
                        "order-1",
                        "txn-bank-1",
                        CUSTODY_NO,
                        300_000,
                        receivedAt,
                        JournalEntry.of(CUSTODY, PREPAID, 300_000)))
                .expectResultMessagePayload(CollectionDecision.APPLIED);
    }

    // ---------------------------------------------------------------- 消课: reporting a lesson

    @Test
    void a_lesson_moves_hours_times_price_from_the_student_prepaid_balance_to_awaiting_confirmation() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        Instant startedAt = beijing("2026-03-01T14:00");
        Instant endedAt = beijing("2026-03-01T16:00");

        fixture.given(order, paid(order))
                .when(reportLesson("order-1", "lesson-1", 2, startedAt, endedAt))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new LessonReported(
                        ACCOUNT,
                        "order-1",
                        "lesson-1",
                        2,
                        30_000,
                        startedAt,
                        endedAt,
                        List.of(),
                        NOW,
                        CONFIRM_BY,
                        new JournalEntry(List.of(Posting.debit(PREPAID, 30_000), Posting.credit(AWAITING, 30_000)))))
                .expectResultMessagePayload(List.of());
    }

    @Test
    void a_lesson_on_an_unpaid_order_is_refused() {
        fixture.given(placed("order-1", "piano", 15_000, 20))
                .when(reportLesson("order-1", "lesson-1", 2))
                .expectException(refusal(ProblemCode.ORDER_NOT_PAID))
                .expectNoEvents();
    }

    @Test
    void a_lesson_on_a_cancelled_order_is_refused() {
        fixture.given(placed("order-1", "piano", 15_000, 20), new OrderCancelled(ACCOUNT, "order-1", NOW))
                .when(reportLesson("order-1", "lesson-1", 2))
                .expectException(refusal(ProblemCode.ORDER_NOT_PAID))
                .expectNoEvents();
    }

    @Test
    void a_lesson_of_more_hours_than_remain_is_refused() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 10);

        fixture.given(order, paid(order), reported(order, "lesson-1", 3))
                .when(reportLesson("order-1", "lesson-2", 8))
                .expectException(refusal(ProblemCode.INSUFFICIENT_HOURS))
                .expectNoEvents();
    }

    @Test
    void a_lesson_of_exactly_the_hours_that_remain_is_reported() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 10);

        fixture.given(order, paid(order), reported(order, "lesson-1", 3))
                .when(reportLesson("order-1", "lesson-2", 7))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new LessonReported(
                        ACCOUNT,
                        "order-1",
                        "lesson-2",
                        7,
                        105_000,
                        beijing("2026-03-01T14:00"),
                        beijing("2026-03-01T16:00"),
                        List.of(),
                        NOW,
                        CONFIRM_BY,
                        JournalEntry.of(PREPAID, AWAITING, 105_000)));
    }

    @Test
    void a_completed_order_has_no_hours_left_to_report() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 10);

        fixture.given(order, paid(order), reported(order, "lesson-1", 10))
                .when(reportLesson("order-1", "lesson-2", 1))
                .expectException(refusal(ProblemCode.INSUFFICIENT_HOURS))
                .expectNoEvents();
    }

    @Test
    void an_institution_that_is_not_active_cannot_report_a_lesson() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 10);

        fixture.given(order, paid(order))
                .when(new ReportLesson(
                        ACCOUNT,
                        "order-1",
                        "lesson-1",
                        2,
                        beijing("2026-03-01T14:00"),
                        beijing("2026-03-01T16:00"),
                        InstitutionStatus.SUSPENDED,
                        CONFIRM_BY,
                        NOW))
                .expectException(refusal(ProblemCode.INSTITUTION_NOT_ACTIVE))
                .expectNoEvents();
    }

    @Test
    void a_late_and_long_online_lesson_is_reported_with_its_violations() {
        OrderPlaced order =
                placed("order-1", "coding", CourseMode.ONLINE, 5_000, 10, NOW.minus(Duration.ofMinutes(10)));
        Instant startedAt = beijing("2026-03-01T20:45");
        Instant endedAt = beijing("2026-03-01T21:20");
        List<LessonViolation> violations =
                List.of(LessonViolation.ONLINE_AFTER_2100, LessonViolation.ONLINE_OVER_30_MIN);

        fixture.given(order, paid(order))
                .when(reportLesson("order-1", "lesson-1", 1, startedAt, endedAt))
                .expectEvents(new LessonReported(
                        ACCOUNT,
                        "order-1",
                        "lesson-1",
                        1,
                        5_000,
                        startedAt,
                        endedAt,
                        violations,
                        NOW,
                        CONFIRM_BY,
                        JournalEntry.of(PREPAID, AWAITING, 5_000)))
                .expectResultMessagePayload(violations);
    }

    @Test
    void an_online_lesson_five_minutes_after_the_previous_one_is_flagged_for_its_short_break() {
        OrderPlaced order =
                placed("order-1", "coding", CourseMode.ONLINE, 5_000, 10, NOW.minus(Duration.ofMinutes(10)));
        LessonReported first = reported(order, "lesson-1", 1, beijing("2026-03-01T18:00"), beijing("2026-03-01T18:30"));

        fixture.given(order, paid(order), first)
                .when(reportLesson("order-1", "lesson-2", 1, beijing("2026-03-01T18:35"), beijing("2026-03-01T19:00")))
                .expectResultMessagePayload(List.of(LessonViolation.ONLINE_BREAK_UNDER_10_MIN));
    }

    @Test
    void an_online_lesson_ten_minutes_after_the_previous_one_breaks_no_rule() {
        OrderPlaced order =
                placed("order-1", "coding", CourseMode.ONLINE, 5_000, 10, NOW.minus(Duration.ofMinutes(10)));
        LessonReported first = reported(order, "lesson-1", 1, beijing("2026-03-01T18:00"), beijing("2026-03-01T18:30"));

        fixture.given(order, paid(order), first)
                .when(reportLesson("order-1", "lesson-2", 1, beijing("2026-03-01T18:40"), beijing("2026-03-01T19:10")))
                .expectResultMessagePayload(List.of());
    }

    @Test
    void an_online_lesson_reported_late_is_flagged_for_the_short_break_before_a_later_one() {
        OrderPlaced order =
                placed("order-1", "coding", CourseMode.ONLINE, 5_000, 10, NOW.minus(Duration.ofMinutes(10)));
        LessonReported later = reported(order, "lesson-1", 1, beijing("2026-03-01T19:00"), beijing("2026-03-01T19:30"));

        fixture.given(order, paid(order), later)
                .when(reportLesson("order-1", "lesson-2", 1, beijing("2026-03-01T18:30"), beijing("2026-03-01T18:55")))
                .expectResultMessagePayload(List.of(LessonViolation.ONLINE_BREAK_UNDER_10_MIN));
    }

    @Test
    void a_reversed_online_lesson_does_not_shorten_the_break() {
        OrderPlaced order =
                placed("order-1", "coding", CourseMode.ONLINE, 5_000, 10, NOW.minus(Duration.ofMinutes(10)));
        LessonReported reversedLesson =
                reported(order, "lesson-1", 1, beijing("2026-03-01T18:00"), beijing("2026-03-01T18:30"));

        fixture.given(
                        order,
                        paid(order),
                        reversedLesson,
                        disputed(reversedLesson),
                        new LessonResolved(
                                ACCOUNT,
                                "order-1",
                                "lesson-1",
                                LessonOutcome.REVERSED,
                                1,
                                "not held",
                                NOW,
                                JournalEntry.of(AWAITING, PREPAID, 5_000)))
                .when(reportLesson("order-1", "lesson-2", 1, beijing("2026-03-01T18:35"), beijing("2026-03-01T19:00")))
                .expectResultMessagePayload(List.of());
    }

    // ---------------------------------------------------------------- the parent's answer

    @Test
    void a_confirmed_lesson_moves_its_money_from_awaiting_confirmation_to_releasable() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);

        fixture.given(order, paid(order), reported(order, "lesson-1", 2))
                .when(new AnswerLesson(ACCOUNT, "lesson-1", LessonDecision.CONFIRM, null, NOW))
                .expectEvents(new LessonConfirmed(
                        ACCOUNT,
                        "order-1",
                        "lesson-1",
                        false,
                        NOW,
                        new JournalEntry(List.of(Posting.debit(AWAITING, 30_000), Posting.credit(RELEASABLE, 30_000)))))
                .expectResultMessagePayload(LessonStatus.CONFIRMED);
    }

    @Test
    void a_disputed_lesson_is_recorded_with_the_reason_and_moves_no_money() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);

        fixture.given(order, paid(order), reported(order, "lesson-1", 2))
                .when(new AnswerLesson(ACCOUNT, "lesson-1", LessonDecision.DISPUTE, "the teacher did not come", NOW))
                .expectEvents(new LessonDisputed(ACCOUNT, "order-1", "lesson-1", "the teacher did not come", NOW))
                .expectResultMessagePayload(LessonStatus.DISPUTED);
    }

    @Test
    void confirming_a_confirmed_lesson_again_changes_nothing() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);

        fixture.given(
                        order,
                        paid(order),
                        reported(order, "lesson-1", 2),
                        new LessonConfirmed(
                                ACCOUNT,
                                "order-1",
                                "lesson-1",
                                false,
                                NOW,
                                JournalEntry.of(AWAITING, RELEASABLE, 30_000)))
                .when(new AnswerLesson(ACCOUNT, "lesson-1", LessonDecision.CONFIRM, null, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(LessonStatus.CONFIRMED);
    }

    @Test
    void disputing_a_disputed_lesson_again_changes_nothing() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        LessonReported lesson = reported(order, "lesson-1", 2);

        fixture.given(order, paid(order), lesson, disputed(lesson))
                .when(new AnswerLesson(ACCOUNT, "lesson-1", LessonDecision.DISPUTE, "still absent", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(LessonStatus.DISPUTED);
    }

    @Test
    void disputing_a_confirmed_lesson_is_refused() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);

        fixture.given(
                        order,
                        paid(order),
                        reported(order, "lesson-1", 2),
                        new LessonConfirmed(
                                ACCOUNT,
                                "order-1",
                                "lesson-1",
                                false,
                                NOW,
                                JournalEntry.of(AWAITING, RELEASABLE, 30_000)))
                .when(new AnswerLesson(ACCOUNT, "lesson-1", LessonDecision.DISPUTE, "changed my mind", NOW))
                .expectException(refusal(ProblemCode.LESSON_ALREADY_ANSWERED))
                .expectNoEvents();
    }

    @Test
    void confirming_a_disputed_lesson_is_refused() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        LessonReported lesson = reported(order, "lesson-1", 2);

        fixture.given(order, paid(order), lesson, disputed(lesson))
                .when(new AnswerLesson(ACCOUNT, "lesson-1", LessonDecision.CONFIRM, null, NOW))
                .expectException(refusal(ProblemCode.LESSON_ALREADY_ANSWERED))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- the regulator's ruling

    @Test
    void a_ruling_on_a_lesson_nobody_disputed_is_refused() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);

        fixture.given(order, paid(order), reported(order, "lesson-1", 2))
                .when(new ResolveLesson(ACCOUNT, "lesson-1", LessonOutcome.CONSUMED, "delivered", NOW))
                .expectException(refusal(ProblemCode.LESSON_NOT_DISPUTED))
                .expectNoEvents();
    }

    @Test
    void a_ruling_on_a_confirmed_lesson_is_refused() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);

        fixture.given(
                        order,
                        paid(order),
                        reported(order, "lesson-1", 2),
                        new LessonConfirmed(
                                ACCOUNT,
                                "order-1",
                                "lesson-1",
                                false,
                                NOW,
                                JournalEntry.of(AWAITING, RELEASABLE, 30_000)))
                .when(new ResolveLesson(ACCOUNT, "lesson-1", LessonOutcome.REVERSED, "not delivered", NOW))
                .expectException(refusal(ProblemCode.LESSON_NOT_DISPUTED))
                .expectNoEvents();
    }

    @Test
    void a_disputed_lesson_ruled_consumed_moves_its_money_from_awaiting_confirmation_to_releasable() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        LessonReported lesson = reported(order, "lesson-1", 2);

        fixture.given(order, paid(order), lesson, disputed(lesson))
                .when(new ResolveLesson(ACCOUNT, "lesson-1", LessonOutcome.CONSUMED, "attendance sheet signed", NOW))
                .expectEvents(new LessonResolved(
                        ACCOUNT,
                        "order-1",
                        "lesson-1",
                        LessonOutcome.CONSUMED,
                        2,
                        "attendance sheet signed",
                        NOW,
                        new JournalEntry(List.of(Posting.debit(AWAITING, 30_000), Posting.credit(RELEASABLE, 30_000)))))
                .expectResultMessagePayload(LessonStatus.RESOLVED_CONSUMED);
    }

    @Test
    void a_disputed_lesson_ruled_reversed_moves_its_money_back_to_the_student_prepaid_balance() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        LessonReported lesson = reported(order, "lesson-1", 2);

        fixture.given(order, paid(order), lesson, disputed(lesson))
                .when(new ResolveLesson(ACCOUNT, "lesson-1", LessonOutcome.REVERSED, "teacher absent", NOW))
                .expectEvents(new LessonResolved(
                        ACCOUNT,
                        "order-1",
                        "lesson-1",
                        LessonOutcome.REVERSED,
                        2,
                        "teacher absent",
                        NOW,
                        new JournalEntry(List.of(Posting.debit(AWAITING, 30_000), Posting.credit(PREPAID, 30_000)))))
                .expectResultMessagePayload(LessonStatus.REVERSED);
    }

    @Test
    void repeating_the_same_ruling_changes_nothing() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 20);
        LessonReported lesson = reported(order, "lesson-1", 2);

        fixture.given(
                        order,
                        paid(order),
                        lesson,
                        disputed(lesson),
                        new LessonResolved(
                                ACCOUNT,
                                "order-1",
                                "lesson-1",
                                LessonOutcome.CONSUMED,
                                2,
                                "signed",
                                NOW,
                                JournalEntry.of(AWAITING, RELEASABLE, 30_000)))
                .when(new ResolveLesson(ACCOUNT, "lesson-1", LessonOutcome.CONSUMED, "signed", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void hours_of_a_reversed_lesson_can_be_reported_again() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 10);
        LessonReported lesson = reported(order, "lesson-1", 10);

        fixture.given(
                        order,
                        paid(order),
                        lesson,
                        disputed(lesson),
                        new LessonResolved(
                                ACCOUNT,
                                "order-1",
                                "lesson-1",
                                LessonOutcome.REVERSED,
                                10,
                                "teacher absent",
                                NOW,
                                JournalEntry.of(AWAITING, PREPAID, 150_000)))
                .when(reportLesson("order-1", "lesson-2", 10))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new LessonReported(
                        ACCOUNT,
                        "order-1",
                        "lesson-2",
                        10,
                        150_000,
                        beijing("2026-03-01T14:00"),
                        beijing("2026-03-01T16:00"),
                        List.of(),
                        NOW,
                        CONFIRM_BY,
                        JournalEntry.of(PREPAID, AWAITING, 150_000)));
    }

    @Test
    void hours_of_a_disputed_lesson_not_yet_ruled_on_cannot_be_reported_again() {
        OrderPlaced order = placed("order-1", "piano", 15_000, 10);
        LessonReported lesson = reported(order, "lesson-1", 10);

        fixture.given(order, paid(order), lesson, disputed(lesson))
                .when(reportLesson("order-1", "lesson-2", 1))
                .expectException(refusal(ProblemCode.INSUFFICIENT_HOURS))
                .expectNoEvents();
    }

    @Test
    void a_reversed_lesson_returns_its_share_of_the_caps() {
        // 50 hours paid, 40 reported then reversed: 50 hours outstanding again, so 11 more breach the hours cap.
        OrderPlaced order = placed("order-1", "piano", 1_000, 50);
        LessonReported lesson = reported(order, "lesson-1", 40);

        fixture.given(
                        order,
                        paid(order),
                        lesson,
                        disputed(lesson),
                        new LessonResolved(
                                ACCOUNT,
                                "order-1",
                                "lesson-1",
                                LessonOutcome.REVERSED,
                                40,
                                "teacher absent",
                                NOW,
                                JournalEntry.of(AWAITING, PREPAID, 40_000)))
                .when(placeOrder("order-2", "violin", 1_000, 11))
                .expectException(refusal(ProblemCode.CAP_HOURS))
                .expectNoEvents();
    }
}
