package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.accounting.Posting;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonDecision;
import com.tuitionescrow.ledger.api.enrollment.LessonOutcome;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.api.refund.RefundDecision;
import com.tuitionescrow.ledger.api.refund.RefundOutcome;
import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.AnswerLesson;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.AnswerRefund;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.CloseWindows;
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
import com.tuitionescrow.ledger.twophase.InstructionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A student's prepaid account from confirmed consumption to release, and from a refund request to
 * the bank's answer, with the wind-down that refunds everything: given past events, when a command,
 * then the events and postings it records or the refusal it raises.
 */
class PrepaidAccountReleaseTest {

    private static final SalePolicy SALES = new SalePolicy(
            500_000, 60, SalePolicy.HoursCapScope.INSTITUTION, 3, Period.ofMonths(1), 20, Duration.ofMinutes(30));
    private static final ReleasePolicy PER_LESSON = new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.PER_LESSON, 0);

    private static final String SCHOOL = "91350100M000100Y43";
    private static final String STUDENT = "stu-1";
    private static final String ACCOUNT = PrepaidAccount.idOf(SCHOOL, STUDENT);
    private static final String CUSTODY_NO = "6222000011112222";
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z"); // 10:00 in Beijing
    private static final Instant CONFIRM_BY = Instant.parse("2026-03-23T16:00:00Z");
    private static final Instant ANSWER_BY = Instant.parse("2026-03-09T16:00:00Z");
    private static final LocalDate START = LocalDate.of(2026, 3, 1);

    private static final AccountCode CUSTODY = AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL);
    private static final AccountCode PREPAID = AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, STUDENT);
    private static final AccountCode AWAITING = AccountCode.of(AccountType.AWAITING_CONFIRMATION, SCHOOL);
    private static final AccountCode RELEASABLE = AccountCode.of(AccountType.RELEASABLE, SCHOOL);
    private static final AccountCode HELD_BACK = AccountCode.of(AccountType.HELD_BACK, SCHOOL);
    private static final AccountCode DISBURSING = AccountCode.of(AccountType.DISBURSEMENT_IN_TRANSIT, SCHOOL);
    private static final AccountCode REFUNDING = AccountCode.ofStudent(AccountType.REFUND_IN_TRANSIT, SCHOOL, STUDENT);

    private AggregateTestFixture<PrepaidAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(PER_LESSON);
    }

    private static AggregateTestFixture<PrepaidAccount> fixtureWith(ReleasePolicy release) {
        AggregateTestFixture<PrepaidAccount> fixture = new AggregateTestFixture<>(PrepaidAccount.class);
        fixture.registerInjectableResource(SALES);
        fixture.registerInjectableResource(release);
        fixture.registerInjectableResource(new LessonPolicy(40, 20));
        fixture.registerInjectableResource(new InstructionPolicy(3));
        return fixture;
    }

    // ---------------------------------------------------------------- test data

    private static OrderPlaced placed(String orderId, long pricePerHourFen, int hours) {
        Instant placedAt = NOW.minus(Duration.ofMinutes(10));
        return new OrderPlaced(
                ACCOUNT,
                orderId,
                SCHOOL,
                STUDENT,
                "contract-" + orderId,
                "course-piano",
                "piano",
                CourseMode.OFFLINE,
                pricePerHourFen,
                hours,
                START,
                START.plusMonths(3).minusDays(1),
                pricePerHourFen * hours,
                placedAt,
                placedAt.plus(Duration.ofMinutes(30)));
    }

    private static CollectionApplied paid(OrderPlaced order) {
        return new CollectionApplied(
                ACCOUNT,
                order.orderId(),
                txnOf(order),
                CUSTODY_NO,
                order.amountFen(),
                paidAt(order),
                JournalEntry.of(CUSTODY, PREPAID, order.amountFen()));
    }

    /** Paid as the course's first day began, before any of its lessons. */
    private static Instant paidAt(OrderPlaced order) {
        return order.startDate().atStartOfDay(LedgerTime.ZONE).toInstant();
    }

    private static String txnOf(OrderPlaced order) {
        return "txn-" + order.orderId();
    }

    private static LessonReported reported(OrderPlaced order, String lessonId, int hours) {
        long amountFen = order.pricePerHourFen() * hours;
        return new LessonReported(
                ACCOUNT,
                order.orderId(),
                lessonId,
                hours,
                amountFen,
                Instant.parse("2026-03-01T01:00:00Z"),
                Instant.parse("2026-03-01T03:00:00Z"),
                List.of(),
                NOW,
                CONFIRM_BY,
                JournalEntry.of(PREPAID, AWAITING, amountFen));
    }

    /** Confirmed with nothing held back: all of it releasable. */
    private static LessonConfirmed confirmed(LessonReported lesson) {
        return new LessonConfirmed(
                ACCOUNT,
                lesson.orderId(),
                lesson.lessonId(),
                false,
                NOW,
                JournalEntry.of(AWAITING, RELEASABLE, lesson.amountFen()));
    }

    private static LessonDisputed disputed(LessonReported lesson) {
        return new LessonDisputed(ACCOUNT, lesson.orderId(), lesson.lessonId(), "the teacher did not come", NOW);
    }

    private static LessonResolved reversed(LessonReported lesson) {
        return new LessonResolved(
                ACCOUNT,
                lesson.orderId(),
                lesson.lessonId(),
                LessonOutcome.REVERSED,
                lesson.hours(),
                "teacher absent",
                NOW,
                JournalEntry.of(AWAITING, PREPAID, lesson.amountFen()));
    }

    private static ConsumptionReleased released(String instructionId, long totalFen, OrderAmount... portions) {
        return new ConsumptionReleased(
                ACCOUNT,
                instructionId,
                List.of(portions),
                totalFen,
                NOW,
                JournalEntry.of(RELEASABLE, DISBURSING, totalFen));
    }

    private static RefundRequested refundRequested(String refundId, OrderPlaced order, long amountFen, int hours) {
        return new RefundRequested(ACCOUNT, refundId, order.orderId(), amountFen, hours, "moving away", NOW, ANSWER_BY);
    }

    private static RefundApproved refundApproved(
            String refundId, OrderPlaced order, long amountFen, int hours, RefundApprover approver) {
        return new RefundApproved(
                ACCOUNT,
                SCHOOL,
                refundId,
                order.orderId(),
                amountFen,
                hours,
                approver,
                "RFD-" + refundId,
                CUSTODY_NO,
                txnOf(order),
                NOW,
                JournalEntry.of(PREPAID, REFUNDING, amountFen));
    }

    private static Matcher<Refusal> refusal(ProblemCode code) {
        return new CustomTypeSafeMatcher<>("a refusal with code " + code) {
            @Override
            protected boolean matchesSafely(Refusal refusal) {
                return refusal.code() == code;
            }
        };
    }

    private static ReportLesson reportLesson(String orderId, String lessonId, int hours) {
        return new ReportLesson(
                ACCOUNT,
                orderId,
                lessonId,
                hours,
                Instant.parse("2026-03-01T06:00:00Z"),
                Instant.parse("2026-03-01T08:00:00Z"),
                InstitutionStatus.ACTIVE,
                CONFIRM_BY,
                NOW);
    }

    // ---------------------------------------------------------------- release (序时拨付)

    @Test
    void a_release_moves_the_releasable_money_of_every_order_into_the_disbursement_in_transit() {
        OrderPlaced piano = placed("order-1", 15_000, 20);
        OrderPlaced violin = placed("order-2", 10_000, 10);
        LessonReported pianoLesson = reported(piano, "lesson-1", 2);
        LessonReported violinLesson = reported(violin, "lesson-2", 3);
        List<OrderAmount> portions = List.of(new OrderAmount("order-1", 30_000), new OrderAmount("order-2", 30_000));

        fixture.given(
                        piano,
                        paid(piano),
                        violin,
                        paid(violin),
                        pianoLesson,
                        confirmed(pianoLesson),
                        violinLesson,
                        confirmed(violinLesson))
                .when(new ReleaseForDisbursement(ACCOUNT, "DSB-1", NOW))
                .expectEvents(new ConsumptionReleased(
                        ACCOUNT, "DSB-1", portions, 60_000, NOW, JournalEntry.of(RELEASABLE, DISBURSING, 60_000)))
                .expectResultMessagePayload(portions);
    }

    @Test
    void a_disputed_lesson_freezes_the_release_of_its_own_order_only() {
        OrderPlaced piano = placed("order-1", 15_000, 20);
        OrderPlaced violin = placed("order-2", 10_000, 10);
        LessonReported confirmedPiano = reported(piano, "lesson-1", 2);
        LessonReported disputedPiano = reported(piano, "lesson-2", 1);
        LessonReported violinLesson = reported(violin, "lesson-3", 3);

        fixture.given(
                        piano,
                        paid(piano),
                        violin,
                        paid(violin),
                        confirmedPiano,
                        confirmed(confirmedPiano),
                        disputedPiano,
                        disputed(disputedPiano),
                        violinLesson,
                        confirmed(violinLesson))
                .when(new ReleaseForDisbursement(ACCOUNT, "DSB-1", NOW))
                .expectEvents(released("DSB-1", 30_000, new OrderAmount("order-2", 30_000)))
                .expectResultMessagePayload(List.of(new OrderAmount("order-2", 30_000)));
    }

    @Test
    void a_disputed_lesson_ruled_on_no_longer_freezes_its_order() {
        OrderPlaced piano = placed("order-1", 15_000, 20);
        LessonReported lesson = reported(piano, "lesson-1", 2);

        fixture.given(
                        piano,
                        paid(piano),
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
                .when(new ReleaseForDisbursement(ACCOUNT, "DSB-1", NOW))
                .expectEvents(released("DSB-1", 30_000, new OrderAmount("order-1", 30_000)));
    }

    @Test
    void a_refund_waiting_for_the_institution_freezes_the_release_of_its_order() {
        OrderPlaced piano = placed("order-1", 15_000, 20);
        LessonReported lesson = reported(piano, "lesson-1", 2);

        fixture.given(piano, paid(piano), lesson, confirmed(lesson), refundRequested("refund-1", piano, 270_000, 18))
                .when(new ReleaseForDisbursement(ACCOUNT, "DSB-1", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(List.of());
    }

    @Test
    void a_contested_refund_still_freezes_and_a_denied_one_no_longer_does() {
        OrderPlaced piano = placed("order-1", 15_000, 20);
        LessonReported lesson = reported(piano, "lesson-1", 2);
        RefundContested contested = new RefundContested(ACCOUNT, "refund-1", "order-1", "lessons were held", NOW);

        fixture.given(
                        piano,
                        paid(piano),
                        lesson,
                        confirmed(lesson),
                        refundRequested("refund-1", piano, 270_000, 18),
                        contested)
                .when(new ReleaseForDisbursement(ACCOUNT, "DSB-1", NOW))
                .expectNoEvents();
        fixture.given(
                        piano,
                        paid(piano),
                        lesson,
                        confirmed(lesson),
                        refundRequested("refund-1", piano, 270_000, 18),
                        contested,
                        new RefundDenied(ACCOUNT, "refund-1", "order-1", "contract says so", NOW))
                .when(new ReleaseForDisbursement(ACCOUNT, "DSB-1", NOW))
                .expectEvents(released("DSB-1", 30_000, new OrderAmount("order-1", 30_000)));
    }

    @Test
    void money_released_once_is_not_released_again_and_nothing_releasable_changes_nothing() {
        OrderPlaced piano = placed("order-1", 15_000, 20);
        LessonReported lesson = reported(piano, "lesson-1", 2);

        fixture.given(
                        piano,
                        paid(piano),
                        lesson,
                        confirmed(lesson),
                        released("DSB-1", 30_000, new OrderAmount("order-1", 30_000)))
                .when(new ReleaseForDisbursement(ACCOUNT, "DSB-2", NOW))
                .expectNoEvents()
                .expectResultMessagePayload(List.of());
        fixture.given(piano, paid(piano), reported(piano, "lesson-1", 2))
                .when(new ReleaseForDisbursement(ACCOUNT, "DSB-1", NOW))
                .expectNoEvents();
    }

    @Test
    void an_executed_disbursement_settles_the_release_without_moving_money_again() {
        OrderPlaced piano = placed("order-1", 15_000, 20);
        LessonReported lesson = reported(piano, "lesson-1", 2);
        List<OrderAmount> portions = List.of(new OrderAmount("order-1", 30_000));

        fixture.given(piano, paid(piano), lesson, confirmed(lesson), released("DSB-1", 30_000, portions.get(0)))
                .when(new SettleRelease(ACCOUNT, "DSB-1", NOW))
                .expectEvents(new ReleaseDisbursed(ACCOUNT, "DSB-1", portions, 30_000, NOW));
        fixture.given(
                        piano,
                        paid(piano),
                        lesson,
                        confirmed(lesson),
                        released("DSB-1", 30_000, portions.get(0)),
                        new ReleaseDisbursed(ACCOUNT, "DSB-1", portions, 30_000, NOW))
                .when(new SettleRelease(ACCOUNT, "DSB-1", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_failed_disbursement_returns_the_money_to_releasable_and_the_next_run_releases_it_again() {
        OrderPlaced piano = placed("order-1", 15_000, 20);
        LessonReported lesson = reported(piano, "lesson-1", 2);
        List<OrderAmount> portions = List.of(new OrderAmount("order-1", 30_000));
        ReleaseReturned returned = new ReleaseReturned(
                ACCOUNT, "DSB-1", portions, 30_000, NOW, JournalEntry.of(DISBURSING, RELEASABLE, 30_000));

        fixture.given(piano, paid(piano), lesson, confirmed(lesson), released("DSB-1", 30_000, portions.get(0)))
                .when(new ReturnRelease(ACCOUNT, "DSB-1", NOW))
                .expectEvents(returned)
                .expectResultMessagePayload(30_000L);
        fixture.given(
                        piano,
                        paid(piano),
                        lesson,
                        confirmed(lesson),
                        released("DSB-1", 30_000, portions.get(0)),
                        returned)
                .when(new ReleaseForDisbursement(ACCOUNT, "DSB-2", NOW))
                .expectEvents(released("DSB-2", 30_000, portions.get(0)));
        fixture.given(
                        piano,
                        paid(piano),
                        lesson,
                        confirmed(lesson),
                        released("DSB-1", 30_000, portions.get(0)),
                        returned)
                .when(new ReturnRelease(ACCOUNT, "DSB-1", NOW))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    // ---------------------------------------------------------------- hold-back

    @Test
    void thirty_percent_held_back_is_rounded_down_so_the_institution_gets_the_fraction() {
        OrderPlaced order = placed("order-1", 15_001, 3);

        fixtureWith(new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.PER_LESSON, 30))
                .given(order, paid(order), reported(order, "lesson-1", 1))
                .when(new AnswerLesson(ACCOUNT, "lesson-1", LessonDecision.CONFIRM, null, NOW))
                .expectEvents(new LessonConfirmed(
                        ACCOUNT,
                        "order-1",
                        "lesson-1",
                        false,
                        NOW,
                        new JournalEntry(List.of(
                                Posting.debit(AWAITING, 15_001),
                                Posting.credit(RELEASABLE, 10_501),
                                Posting.credit(HELD_BACK, 4_500)))));
    }

    @Test
    void the_run_releases_only_the_share_not_held_back_while_the_order_is_open() {
        OrderPlaced order = placed("order-1", 15_001, 3);
        LessonReported lesson = reported(order, "lesson-1", 1);
        LessonConfirmed split = new LessonConfirmed(
                ACCOUNT,
                "order-1",
                "lesson-1",
                false,
                NOW,
                new JournalEntry(List.of(
                        Posting.debit(AWAITING, 15_001),
                        Posting.credit(RELEASABLE, 10_501),
                        Posting.credit(HELD_BACK, 4_500))));

        fixtureWith(new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.PER_LESSON, 30))
                .given(order, paid(order), lesson, split)
                .when(new ReleaseForDisbursement(ACCOUNT, "DSB-1", NOW))
                .expectEvents(released("DSB-1", 10_501, new OrderAmount("order-1", 10_501)));
    }

    @Test
    void confirming_the_last_lesson_completes_the_order_and_releases_everything_held_back() {
        OrderPlaced order = placed("order-1", 15_001, 3);
        LessonReported first = reported(order, "lesson-1", 1);
        LessonConfirmed split = new LessonConfirmed(
                ACCOUNT,
                "order-1",
                "lesson-1",
                false,
                NOW,
                new JournalEntry(List.of(
                        Posting.debit(AWAITING, 15_001),
                        Posting.credit(RELEASABLE, 10_501),
                        Posting.credit(HELD_BACK, 4_500))));

        fixtureWith(new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.PER_LESSON, 30))
                .given(order, paid(order), first, split, reported(order, "lesson-2", 2))
                .when(new AnswerLesson(ACCOUNT, "lesson-2", LessonDecision.CONFIRM, null, NOW))
                .expectEvents(
                        new LessonConfirmed(
                                ACCOUNT,
                                "order-1",
                                "lesson-2",
                                false,
                                NOW,
                                new JournalEntry(List.of(
                                        Posting.debit(AWAITING, 30_002),
                                        Posting.credit(RELEASABLE, 21_002),
                                        Posting.credit(HELD_BACK, 9_000)))),
                        new HoldbackReleased(
                                ACCOUNT, "order-1", 13_500, NOW, JournalEntry.of(HELD_BACK, RELEASABLE, 13_500)));
    }

    @Test
    void a_lesson_still_awaiting_its_answer_keeps_the_order_open_and_its_hold_back_held() {
        OrderPlaced order = placed("order-1", 10_000, 3);

        fixtureWith(new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.PER_LESSON, 30))
                .given(order, paid(order), reported(order, "lesson-1", 1), reported(order, "lesson-2", 2))
                .when(new AnswerLesson(ACCOUNT, "lesson-2", LessonDecision.CONFIRM, null, NOW))
                .expectEvents(new LessonConfirmed(
                        ACCOUNT,
                        "order-1",
                        "lesson-2",
                        false,
                        NOW,
                        new JournalEntry(List.of(
                                Posting.debit(AWAITING, 20_000),
                                Posting.credit(RELEASABLE, 14_000),
                                Posting.credit(HELD_BACK, 6_000)))));
    }

    @Test
    void everything_held_back_posts_nothing_to_releasable() {
        OrderPlaced order = placed("order-1", 10_000, 3);

        fixtureWith(new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.PER_LESSON, 100))
                .given(order, paid(order), reported(order, "lesson-1", 1))
                .when(new AnswerLesson(ACCOUNT, "lesson-1", LessonDecision.CONFIRM, null, NOW))
                .expectEvents(new LessonConfirmed(
                        ACCOUNT, "order-1", "lesson-1", false, NOW, JournalEntry.of(AWAITING, HELD_BACK, 10_000)));
    }

    @Test
    void a_refund_of_the_last_hours_keeps_the_hold_back_until_the_bank_has_paid_it() {
        AggregateTestFixture<PrepaidAccount> holdingBack =
                fixtureWith(new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.PER_LESSON, 30));
        OrderPlaced order = placed("order-1", 10_000, 10);
        LessonReported lesson = reported(order, "lesson-1", 4);
        LessonConfirmed split = new LessonConfirmed(
                ACCOUNT,
                "order-1",
                "lesson-1",
                false,
                NOW,
                new JournalEntry(List.of(
                        Posting.debit(AWAITING, 40_000),
                        Posting.credit(RELEASABLE, 28_000),
                        Posting.credit(HELD_BACK, 12_000))));
        RefundApproved approved = refundApproved("refund-1", order, 60_000, 6, RefundApprover.INSTITUTION);

        // Approved is not yet paid: the hold-back, the institution's last money, waits for the parent's.
        holdingBack
                .given(order, paid(order), lesson, split, refundRequested("refund-1", order, 60_000, 6))
                .when(new AnswerRefund(ACCOUNT, "refund-1", RefundDecision.APPROVE, null, CUSTODY_NO, NOW))
                .expectEvents(approved);
        holdingBack
                .given(order, paid(order), lesson, split, refundRequested("refund-1", order, 60_000, 6), approved)
                .when(new RecordRefundResult(
                        ACCOUNT, "refund-1", "RFD-refund-1", InstructionOutcome.FAILED, "out-1", NOW, "account closed"))
                .expectEvents(
                        new RefundFailed(
                                ACCOUNT,
                                "refund-1",
                                "order-1",
                                "RFD-refund-1",
                                60_000,
                                "out-1",
                                "account closed",
                                NOW,
                                false),
                        new RefundReinstructed(
                                ACCOUNT,
                                SCHOOL,
                                "refund-1",
                                "order-1",
                                "RFD-refund-1.2",
                                60_000,
                                CUSTODY_NO,
                                txnOf(order),
                                "RFD-refund-1",
                                null,
                                NOW));
        holdingBack
                .given(order, paid(order), lesson, split, refundRequested("refund-1", order, 60_000, 6), approved)
                .when(new RecordRefundResult(
                        ACCOUNT, "refund-1", "RFD-refund-1", InstructionOutcome.EXECUTED, "out-1", NOW, null))
                .expectEvents(
                        new RefundExecuted(
                                ACCOUNT,
                                "refund-1",
                                "order-1",
                                "RFD-refund-1",
                                60_000,
                                "out-1",
                                NOW,
                                JournalEntry.of(REFUNDING, CUSTODY, 60_000)),
                        new HoldbackReleased(
                                ACCOUNT, "order-1", 12_000, NOW, JournalEntry.of(HELD_BACK, RELEASABLE, 12_000)));
    }

    // ---------------------------------------------------------------- release on completion

    @Test
    void on_completion_a_confirmed_lesson_is_held_back_and_nothing_is_released_before_the_order_completes() {
        AggregateTestFixture<PrepaidAccount> onCompletion =
                fixtureWith(new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.ON_COMPLETION, 0));
        OrderPlaced order = placed("order-1", 10_000, 5);
        LessonReported lesson = reported(order, "lesson-1", 2);
        LessonConfirmed held = new LessonConfirmed(
                ACCOUNT, "order-1", "lesson-1", true, CONFIRM_BY, JournalEntry.of(AWAITING, HELD_BACK, 20_000));

        onCompletion
                .given(order, paid(order), lesson)
                .when(new CloseWindows(ACCOUNT, CONFIRM_BY))
                .expectEvents(held)
                .expectResultMessagePayload(new WindowsClosed(1, 0));
        onCompletion
                .given(order, paid(order), lesson, held)
                .when(new ReleaseForDisbursement(ACCOUNT, "DSB-1", NOW))
                .expectNoEvents();
    }

    @Test
    void on_completion_the_last_confirmation_makes_the_whole_order_releasable() {
        OrderPlaced order = placed("order-1", 10_000, 5);
        LessonReported first = reported(order, "lesson-1", 2);

        fixtureWith(new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.ON_COMPLETION, 0))
                .given(
                        order,
                        paid(order),
                        first,
                        new LessonConfirmed(
                                ACCOUNT,
                                "order-1",
                                "lesson-1",
                                false,
                                NOW,
                                JournalEntry.of(AWAITING, HELD_BACK, 20_000)),
                        reported(order, "lesson-2", 3))
                .when(new AnswerLesson(ACCOUNT, "lesson-2", LessonDecision.CONFIRM, null, NOW))
                .expectEvents(
                        new LessonConfirmed(
                                ACCOUNT,
                                "order-1",
                                "lesson-2",
                                false,
                                NOW,
                                JournalEntry.of(AWAITING, HELD_BACK, 30_000)),
                        new HoldbackReleased(
                                ACCOUNT, "order-1", 50_000, NOW, JournalEntry.of(HELD_BACK, RELEASABLE, 50_000)));
    }

    @Test
    void on_completion_a_dispute_keeps_the_order_open_until_it_is_ruled_consumed() {
        OrderPlaced order = placed("order-1", 10_000, 5);
        LessonReported first = reported(order, "lesson-1", 2);
        LessonReported last = reported(order, "lesson-2", 3);
        LessonConfirmed held = new LessonConfirmed(
                ACCOUNT, "order-1", "lesson-1", false, NOW, JournalEntry.of(AWAITING, HELD_BACK, 20_000));

        fixtureWith(new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.ON_COMPLETION, 0))
                .given(order, paid(order), first, held, last, disputed(last))
                .when(new ResolveLesson(ACCOUNT, "lesson-2", LessonOutcome.CONSUMED, "attendance signed", NOW))
                .expectEvents(
                        new LessonResolved(
                                ACCOUNT,
                                "order-1",
                                "lesson-2",
                                LessonOutcome.CONSUMED,
                                3,
                                "attendance signed",
                                NOW,
                                JournalEntry.of(AWAITING, HELD_BACK, 30_000)),
                        new HoldbackReleased(
                                ACCOUNT, "order-1", 50_000, NOW, JournalEntry.of(HELD_BACK, RELEASABLE, 50_000)));
    }

    @Test
    void on_completion_a_lesson_ruled_reversed_leaves_hours_to_teach_and_the_order_open() {
        OrderPlaced order = placed("order-1", 10_000, 5);
        LessonReported first = reported(order, "lesson-1", 2);
        LessonReported last = reported(order, "lesson-2", 3);

        fixtureWith(new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.ON_COMPLETION, 0))
                .given(
                        order,
                        paid(order),
                        first,
                        new LessonConfirmed(
                                ACCOUNT,
                                "order-1",
                                "lesson-1",
                                false,
                                NOW,
                                JournalEntry.of(AWAITING, HELD_BACK, 20_000)),
                        last,
                        disputed(last))
                .when(new ResolveLesson(ACCOUNT, "lesson-2", LessonOutcome.REVERSED, "teacher absent", NOW))
                .expectEvents(reversed(last));
    }

    // ---------------------------------------------------------------- refund amounts (退费)

    @Test
    void before_any_lesson_the_refund_is_the_whole_amount_paid() {
        OrderPlaced order = placed("order-1", 15_000, 20);

        fixture.given(order, paid(order))
                .when(new RequestRefund(ACCOUNT, "refund-1", "order-1", "moving away", ANSWER_BY, NOW))
                .expectEvents(refundRequested("refund-1", order, 300_000, 20));
    }

    @Test
    void after_lessons_the_refund_is_paid_minus_every_hour_consumed_whether_confirmed_awaiting_or_disputed() {
        OrderPlaced order = placed("order-1", 15_000, 20);
        LessonReported confirmedLesson = reported(order, "lesson-1", 2);
        LessonReported disputedLesson = reported(order, "lesson-3", 4);

        fixture.given(
                        order,
                        paid(order),
                        confirmedLesson,
                        confirmed(confirmedLesson),
                        reported(order, "lesson-2", 3),
                        disputedLesson,
                        disputed(disputedLesson))
                .when(new RequestRefund(ACCOUNT, "refund-1", "order-1", "moving away", ANSWER_BY, NOW))
                // 300 000 − 9 hours × 15 000
                .expectEvents(refundRequested("refund-1", order, 165_000, 11));
    }

    @Test
    void hours_given_back_after_a_refund_are_refunded_without_what_was_already_refunded() {
        OrderPlaced order = placed("order-1", 15_000, 10);
        LessonReported lesson = reported(order, "lesson-1", 2);

        // 8 hours were refunded while 2 were disputed; the dispute then gave those 2 back.
        fixture.given(
                        order,
                        paid(order),
                        lesson,
                        disputed(lesson),
                        refundRequested("refund-1", order, 120_000, 8),
                        refundApproved("refund-1", order, 120_000, 8, RefundApprover.INSTITUTION),
                        new RefundExecuted(
                                ACCOUNT,
                                "refund-1",
                                "order-1",
                                "RFD-refund-1",
                                120_000,
                                "out-1",
                                NOW,
                                JournalEntry.of(REFUNDING, CUSTODY, 120_000)),
                        reversed(lesson))
                .when(new RequestRefund(ACCOUNT, "refund-2", "order-1", "the rest", ANSWER_BY, NOW))
                // 150 000 paid − 0 hours consumed − 120 000 already refunded
                .expectEvents(
                        new RefundRequested(ACCOUNT, "refund-2", "order-1", 30_000, 2, "the rest", NOW, ANSWER_BY));
    }

    @Test
    void a_refund_is_refused_for_an_unpaid_order_while_another_waits_and_when_nothing_is_left() {
        OrderPlaced order = placed("order-1", 15_000, 2);
        LessonReported lesson = reported(order, "lesson-1", 2);
        RequestRefund request = new RequestRefund(ACCOUNT, "refund-2", "order-1", "moving away", ANSWER_BY, NOW);

        fixture.given(order)
                .when(request)
                .expectException(refusal(ProblemCode.ORDER_NOT_PAID))
                .expectNoEvents();
        fixture.given(order, paid(order), refundRequested("refund-1", order, 30_000, 2))
                .when(request)
                .expectException(refusal(ProblemCode.REFUND_PENDING))
                .expectNoEvents();
        fixture.given(order, paid(order), lesson)
                .when(request)
                .expectException(refusal(ProblemCode.NOTHING_TO_REFUND))
                .expectNoEvents();
    }

    @Test
    void a_lesson_on_an_order_with_a_refund_waiting_is_refused() {
        OrderPlaced order = placed("order-1", 15_000, 20);

        fixture.given(
                        order,
                        paid(order),
                        refundRequested("refund-1", order, 300_000, 20),
                        new RefundContested(ACCOUNT, "refund-1", "order-1", "held", NOW))
                .when(reportLesson("order-1", "lesson-1", 1))
                .expectException(refusal(ProblemCode.REFUND_PENDING))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- refund answers

    @Test
    void an_approved_refund_goes_into_transit_by_the_original_route() {
        OrderPlaced order = placed("order-1", 15_000, 20);

        fixture.given(order, paid(order), refundRequested("refund-1", order, 300_000, 20))
                .when(new AnswerRefund(ACCOUNT, "refund-1", RefundDecision.APPROVE, null, CUSTODY_NO, NOW))
                .expectEvents(refundApproved("refund-1", order, 300_000, 20, RefundApprover.INSTITUTION))
                .expectResultMessagePayload(RefundStatus.APPROVED);
    }

    @Test
    void a_contested_refund_waits_for_a_regulator_who_may_deny_it() {
        OrderPlaced order = placed("order-1", 15_000, 20);
        RefundContested contested = new RefundContested(ACCOUNT, "refund-1", "order-1", "lessons were held", NOW);

        fixture.given(order, paid(order), refundRequested("refund-1", order, 300_000, 20))
                .when(new AnswerRefund(
                        ACCOUNT, "refund-1", RefundDecision.CONTEST, "lessons were held", CUSTODY_NO, NOW))
                .expectEvents(contested)
                .expectResultMessagePayload(RefundStatus.CONTESTED);
        fixture.given(order, paid(order), refundRequested("refund-1", order, 300_000, 20), contested)
                .when(new AnswerRefund(ACCOUNT, "refund-1", RefundDecision.APPROVE, null, CUSTODY_NO, NOW))
                .expectException(refusal(ProblemCode.REFUND_ALREADY_ANSWERED))
                .expectNoEvents();
        fixture.given(order, paid(order), refundRequested("refund-1", order, 300_000, 20), contested)
                .when(new ResolveRefund(ACCOUNT, "refund-1", RefundOutcome.DENY, "contract says so", CUSTODY_NO, NOW))
                .expectEvents(new RefundDenied(ACCOUNT, "refund-1", "order-1", "contract says so", NOW))
                .expectResultMessagePayload(RefundStatus.DENIED);
        fixture.given(order, paid(order), refundRequested("refund-1", order, 300_000, 20), contested)
                .when(new ResolveRefund(ACCOUNT, "refund-1", RefundOutcome.APPROVE, null, CUSTODY_NO, NOW))
                .expectEvents(refundApproved("refund-1", order, 300_000, 20, RefundApprover.REGULATOR));
    }

    @Test
    void a_regulator_rules_only_on_a_contested_refund() {
        OrderPlaced order = placed("order-1", 15_000, 20);

        fixture.given(order, paid(order), refundRequested("refund-1", order, 300_000, 20))
                .when(new ResolveRefund(ACCOUNT, "refund-1", RefundOutcome.APPROVE, null, CUSTODY_NO, NOW))
                .expectException(refusal(ProblemCode.REFUND_NOT_CONTESTED))
                .expectNoEvents();
    }

    @Test
    void an_unanswered_refund_is_approved_when_its_window_closes_and_not_a_moment_before() {
        OrderPlaced order = placed("order-1", 15_000, 20);
        RefundRequested requested = refundRequested("refund-1", order, 300_000, 20);

        fixture.given(order, paid(order), requested)
                .when(new CloseWindows(ACCOUNT, ANSWER_BY.minusNanos(1000)))
                .expectNoEvents()
                .expectResultMessagePayload(new WindowsClosed(0, 0));
        fixture.given(order, paid(order), requested)
                .when(new CloseWindows(ACCOUNT, ANSWER_BY.plusSeconds(3600)))
                .expectEvents(new RefundApproved(
                        ACCOUNT,
                        SCHOOL,
                        "refund-1",
                        "order-1",
                        300_000,
                        20,
                        RefundApprover.WINDOW,
                        "RFD-refund-1",
                        CUSTODY_NO,
                        txnOf(order),
                        ANSWER_BY,
                        JournalEntry.of(PREPAID, REFUNDING, 300_000)));
        fixture.given(order, paid(order), requested, new RefundContested(ACCOUNT, "refund-1", "order-1", "held", NOW))
                .when(new CloseWindows(ACCOUNT, ANSWER_BY))
                .expectNoEvents()
                .expectResultMessagePayload(new WindowsClosed(0, 0));
    }

    @Test
    void
            an_executed_refund_leaves_custody_and_a_failed_one_keeps_its_approval_and_is_instructed_again_until_undeliverable() {
        OrderPlaced order = placed("order-1", 15_000, 20);
        LessonReported lesson = reported(order, "lesson-1", 2);
        RefundRequested requested = refundRequested("refund-1", order, 270_000, 18);
        RefundApproved approved = refundApproved("refund-1", order, 270_000, 18, RefundApprover.INSTITUTION);

        fixture.given(order, paid(order), lesson, requested, approved)
                .when(new RecordRefundResult(
                        ACCOUNT, "refund-1", "RFD-refund-1", InstructionOutcome.EXECUTED, "out-1", NOW, null))
                .expectEvents(new RefundExecuted(
                        ACCOUNT,
                        "refund-1",
                        "order-1",
                        "RFD-refund-1",
                        270_000,
                        "out-1",
                        NOW,
                        JournalEntry.of(REFUNDING, CUSTODY, 270_000)))
                .expectResultMessagePayload(RefundStatus.REFUNDED);
        // The money stays in transit and the next attempt is issued at once; the hours stay refunded.
        RefundFailed first = new RefundFailed(
                ACCOUNT, "refund-1", "order-1", "RFD-refund-1", 270_000, "out-1", "account closed", NOW, false);
        RefundReinstructed second = new RefundReinstructed(
                ACCOUNT,
                SCHOOL,
                "refund-1",
                "order-1",
                "RFD-refund-1.2",
                270_000,
                CUSTODY_NO,
                txnOf(order),
                "RFD-refund-1",
                null,
                NOW);
        fixture.given(order, paid(order), lesson, requested, approved)
                .when(new RecordRefundResult(
                        ACCOUNT, "refund-1", "RFD-refund-1", InstructionOutcome.FAILED, "out-1", NOW, "account closed"))
                .expectEvents(first, second)
                .expectResultMessagePayload(RefundStatus.APPROVED);
        RefundFailed secondFailed = new RefundFailed(
                ACCOUNT, "refund-1", "order-1", "RFD-refund-1.2", 270_000, "out-2", "account closed", NOW, false);
        RefundReinstructed third = new RefundReinstructed(
                ACCOUNT,
                SCHOOL,
                "refund-1",
                "order-1",
                "RFD-refund-1.3",
                270_000,
                CUSTODY_NO,
                txnOf(order),
                "RFD-refund-1.2",
                null,
                NOW);
        // The third attempt is the last (max-attempts 3): the refund waits, its money in transit, for a regulator.
        RefundFailed lastFailed = new RefundFailed(
                ACCOUNT, "refund-1", "order-1", "RFD-refund-1.3", 270_000, "out-3", "account closed", NOW, true);
        fixture.given(order, paid(order), lesson, requested, approved, first, second, secondFailed, third)
                .when(new RecordRefundResult(
                        ACCOUNT,
                        "refund-1",
                        "RFD-refund-1.3",
                        InstructionOutcome.FAILED,
                        "out-3",
                        NOW,
                        "account closed"))
                .expectEvents(lastFailed)
                .expectResultMessagePayload(RefundStatus.UNDELIVERABLE);
        fixture.given(order, paid(order), lesson, requested, approved, first, second, secondFailed, third, lastFailed)
                .when(new ResolveUndeliverableRefund(
                        ACCOUNT, "refund-1", "RFD-refund-1.3", "TXN-NEW-CARD", "parent's new card", NOW))
                .expectEvents(new RefundReinstructed(
                        ACCOUNT,
                        SCHOOL,
                        "refund-1",
                        "order-1",
                        "RFD-refund-1.4",
                        270_000,
                        CUSTODY_NO,
                        "TXN-NEW-CARD",
                        "RFD-refund-1.3",
                        "parent's new card",
                        NOW))
                .expectResultMessagePayload("RFD-refund-1.4");
        fixture.given(order, paid(order), lesson, requested, approved, first, second)
                .when(new ResolveUndeliverableRefund(ACCOUNT, "refund-1", "RFD-refund-1.2", null, "too early", NOW))
                .expectException(refusal(ProblemCode.INSTRUCTION_NOT_UNDELIVERABLE))
                .expectNoEvents();
        // Its hours never come back: nothing is left to refund again.
        fixture.given(order, paid(order), lesson, requested, approved, first, second)
                .when(new RequestRefund(ACCOUNT, "refund-2", "order-1", "again", ANSWER_BY, NOW))
                .expectException(refusal(ProblemCode.NOTHING_TO_REFUND))
                .expectNoEvents();
    }

    // ---------------------------------------------------------------- refunds and the caps

    private static EnrollmentCommands.PlaceOrder placeOrder(
            String orderId, String subject, long pricePerHourFen, int hours) {
        return new EnrollmentCommands.PlaceOrder(
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
                START,
                START.plusMonths(3).minusDays(1),
                pricePerHourFen * hours,
                InstitutionStatus.ACTIVE,
                NOW);
    }

    @Test
    void an_approved_refund_no_longer_counts_against_the_caps_since_its_hours_never_come_back() {
        // 4000 yuan approved for refund, still in custody: a failure is instructed again, never given
        // back to the student, so 2000 yuan more leaves 2000 outstanding.
        OrderPlaced order = placed("order-1", 10_000, 40);

        fixture.given(
                        order,
                        paid(order),
                        refundRequested("refund-1", order, 400_000, 40),
                        refundApproved("refund-1", order, 400_000, 40, RefundApprover.INSTITUTION))
                .when(placeOrder("order-2", "violin", 10_000, 20))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_refund_the_bank_has_paid_no_longer_counts_against_the_caps() {
        OrderPlaced order = placed("order-1", 10_000, 40);

        fixture.given(
                        order,
                        paid(order),
                        refundRequested("refund-1", order, 400_000, 40),
                        refundApproved("refund-1", order, 400_000, 40, RefundApprover.INSTITUTION),
                        new RefundExecuted(
                                ACCOUNT,
                                "refund-1",
                                "order-1",
                                "RFD-refund-1",
                                400_000,
                                "out-1",
                                NOW,
                                JournalEntry.of(REFUNDING, CUSTODY, 400_000)))
                .when(placeOrder("order-2", "violin", 10_000, 20))
                .expectSuccessfulHandlerExecution();
    }

    // ---------------------------------------------------------------- wind-down (机构关停)

    @Test
    void a_wind_down_approves_the_refund_already_asked_for_refunds_the_rest_and_cancels_what_is_unpaid() {
        OrderPlaced waiting = placed("order-1", 15_000, 10);
        OrderPlaced taught = placed("order-2", 10_000, 10);
        OrderPlaced unpaid = placed("order-3", 5_000, 4);
        OrderPlaced completed = placed("order-4", 1_000, 1);
        LessonReported lesson = reported(taught, "lesson-1", 4);

        fixture.given(
                        waiting,
                        paid(waiting),
                        refundRequested("refund-1", waiting, 150_000, 10),
                        new RefundContested(ACCOUNT, "refund-1", "order-1", "held", NOW),
                        taught,
                        paid(taught),
                        lesson,
                        confirmed(lesson),
                        unpaid,
                        completed,
                        paid(completed),
                        reported(completed, "lesson-2", 1))
                .when(new RefundForWindDown(ACCOUNT, CUSTODY_NO, NOW))
                .expectEvents(
                        new AccountWoundDown(ACCOUNT, NOW),
                        refundApproved("refund-1", waiting, 150_000, 10, RefundApprover.WIND_DOWN),
                        new RefundRequested(
                                ACCOUNT,
                                "wind-down:order-2:1",
                                "order-2",
                                60_000,
                                6,
                                "institution winding down",
                                NOW,
                                NOW),
                        refundApproved("wind-down:order-2:1", taught, 60_000, 6, RefundApprover.WIND_DOWN),
                        new OrderCancelled(ACCOUNT, "order-3", NOW))
                .expectResultMessagePayload(new WindDownRefunds(2, 210_000));
    }

    @Test
    void winding_down_again_finds_nothing_left_to_refund() {
        OrderPlaced order = placed("order-1", 15_000, 10);

        fixture.given(
                        order,
                        paid(order),
                        new RefundRequested(
                                ACCOUNT,
                                "wind-down:order-1:1",
                                "order-1",
                                150_000,
                                10,
                                "institution winding down",
                                NOW,
                                NOW),
                        refundApproved("wind-down:order-1:1", order, 150_000, 10, RefundApprover.WIND_DOWN))
                .when(new RefundForWindDown(ACCOUNT, CUSTODY_NO, NOW))
                .expectEvents(new AccountWoundDown(ACCOUNT, NOW))
                .expectResultMessagePayload(new WindDownRefunds(0, 0));
    }

    @Test
    void a_wind_down_refunds_hours_a_dispute_gave_back_after_the_refund_waiting_was_asked_for() {
        OrderPlaced order = placed("order-1", 10_000, 10);
        LessonReported lesson = reported(order, "lesson-1", 3);

        // The refund asked for 7 hours while 3 were disputed; the dispute then gave the 3 back.
        fixture.given(
                        order,
                        paid(order),
                        lesson,
                        disputed(lesson),
                        refundRequested("refund-1", order, 70_000, 7),
                        reversed(lesson))
                .when(new RefundForWindDown(ACCOUNT, CUSTODY_NO, NOW))
                .expectEvents(
                        new AccountWoundDown(ACCOUNT, NOW),
                        refundApproved("refund-1", order, 70_000, 7, RefundApprover.WIND_DOWN),
                        new RefundRequested(
                                ACCOUNT,
                                "wind-down:order-1:2",
                                "order-1",
                                30_000,
                                3,
                                "institution winding down",
                                NOW,
                                NOW),
                        refundApproved("wind-down:order-1:2", order, 30_000, 3, RefundApprover.WIND_DOWN))
                .expectResultMessagePayload(new WindDownRefunds(2, 100_000));
    }
}
