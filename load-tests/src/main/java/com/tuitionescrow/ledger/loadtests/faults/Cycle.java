package com.tuitionescrow.ledger.loadtests.faults;

import com.tuitionescrow.ledger.api.bank.CollectionRequest;
import com.tuitionescrow.ledger.api.enrollment.Course;
import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonConfirmationRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonDecision;
import com.tuitionescrow.ledger.api.enrollment.PlaceOrderRequest;
import com.tuitionescrow.ledger.api.enrollment.ReportLessonRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One student's pass through the cycle, with ids the client chose: a sale, the bank's collection of
 * its full price, a two-hour lesson, the parent's confirmation. Its times are fixed when it is built,
 * so every attempt of a request sends the same body (the ledger answers the same id with other
 * content {@code 409 IDEMPOTENCY_CONFLICT}). Money was received two hours back and the lesson ended
 * ten minutes ago, so the lesson rules (docs/domain.md) let it stand: it began after the payment, is
 * over, and holds its class hours.
 */
final class Cycle {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final int HOURS_SOLD = 20;
    static final int LESSON_HOURS = 2;

    private Cycle() {}

    /** The requests of cycle {@code number} of worker {@code worker}, in the order they must be sent. */
    static List<Op> of(int worker, int number, School school, Clients clients, Clock clock) {
        String key = "W" + worker + "-" + number;
        String orderId = "order-" + key;
        String lessonId = "lesson-" + key;
        // Prices differ from cycle to cycle, so a collection applied twice cannot hide behind another's.
        long pricePerHourFen = 10_000 + worker * 100L + number % 97;
        long orderFen = pricePerHourFen * HOURS_SOLD;
        long lessonFen = pricePerHourFen * LESSON_HOURS;
        OffsetDateTime now = OffsetDateTime.now(clock)
                .atZoneSameInstant(BEIJING)
                .toOffsetDateTime()
                .truncatedTo(ChronoUnit.SECONDS);
        Course course = new Course(
                "course-" + key,
                "piano",
                CourseMode.OFFLINE,
                pricePerHourFen,
                HOURS_SOLD,
                now.toLocalDate().minusDays(1),
                now.toLocalDate().plusDays(60));
        PlaceOrderRequest sale =
                new PlaceOrderRequest(orderId, school.institutionId(), "student-" + key, "contract-" + key, course);
        CollectionRequest collection = new CollectionRequest(
                "TXN-" + key, orderId, orderFen, school.custodyAccountNo(), now.minus(Duration.ofHours(2)));
        ReportLessonRequest lesson = new ReportLessonRequest(
                lessonId, LESSON_HOURS, now.minus(Duration.ofMinutes(100)), now.minus(Duration.ofMinutes(10)));
        LessonConfirmationRequest confirmation = new LessonConfirmationRequest(LessonDecision.CONFIRM, null);
        String institutionId = school.institutionId();
        return List.of(
                new Op(
                        Op.Kind.ORDER,
                        orderId,
                        institutionId,
                        orderId,
                        orderFen,
                        () -> clients.platform().placeOrder(sale)),
                new Op(
                        Op.Kind.COLLECTION,
                        collection.bankTxnId(),
                        institutionId,
                        orderId,
                        orderFen,
                        () -> clients.bank().reportCollection(collection)),
                new Op(
                        Op.Kind.LESSON,
                        lessonId,
                        institutionId,
                        orderId,
                        lessonFen,
                        () -> clients.institution(institutionId).reportLesson(orderId, lesson)),
                new Op(
                        Op.Kind.CONFIRMATION,
                        lessonId,
                        institutionId,
                        orderId,
                        lessonFen,
                        () -> clients.platform().confirmLesson(lessonId, confirmation)));
    }
}
