package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.shared.LedgerTime;
import com.tuitionescrow.ledger.shared.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a lesson must be to have happened at all, each a named function from the report to a refusal,
 * checked in this order. A lesson that could have happened but breaks the lesson-time rules is not
 * refused: {@link LessonTimeRules} records that as a violation for regulators.
 */
final class LessonRules {

    /** A lesson as reported, with the order it consumes and the student's other lessons at the institution. */
    record Lesson(
            Instant startedAt,
            Instant endedAt,
            int hours,
            OrderState order,
            Collection<LessonState> others,
            Instant now) {}

    interface Rule {
        Optional<Refusal> check(Lesson lesson, LessonPolicy policy);
    }

    /** Reported once delivered: a lesson still going on (by the ledger's clock) has not happened yet. */
    static final Rule ENDED = (lesson, policy) -> lesson.endedAt().isAfter(lesson.now())
            ? refuse(
                    ProblemCode.LESSON_NOT_ENDED,
                    "the lesson ends at " + lesson.endedAt() + ", after the ledger's now " + lesson.now())
            : Optional.empty();

    /** Inside the course's term, first and last day included, in Beijing dates. */
    static final Rule WITHIN_COURSE = (lesson, policy) -> {
        LocalDate first = LedgerTime.dateOf(lesson.startedAt());
        LocalDate last = LedgerTime.dateOf(lesson.endedAt());
        OrderState order = lesson.order();
        return first.isBefore(order.startDate()) || last.isAfter(order.endDate())
                ? refuse(
                        ProblemCode.LESSON_OUTSIDE_COURSE,
                        "the lesson on " + first + " is outside the course of order " + order.orderId() + ", "
                                + order.startDate() + " to " + order.endDate())
                : Optional.empty();
    };

    /** Paid for first: the bank received the order's money before the lesson began. */
    static final Rule AFTER_PAYMENT =
            (lesson, policy) -> lesson.startedAt().isBefore(lesson.order().paidAt())
                    ? refuse(
                            ProblemCode.LESSON_BEFORE_PAYMENT,
                            "the lesson began before order " + lesson.order().orderId() + " was paid at "
                                    + lesson.order().paidAt())
                    : Optional.empty();

    /** No more class hours than its duration holds. */
    static final Rule LONG_ENOUGH = (lesson, policy) -> {
        Duration lasted = Duration.between(lesson.startedAt(), lesson.endedAt());
        Duration needed = policy.shortest(lesson.order().mode(), lesson.hours());
        return lasted.compareTo(needed) < 0
                ? refuse(
                        ProblemCode.LESSON_TOO_SHORT,
                        lesson.hours() + " class hours of a " + lesson.order().mode() + " course take at least "
                                + needed.toMinutes() + " minutes; the lesson lasted " + lasted.toMinutes())
                : Optional.empty();
    };

    /**
     * One student is in one lesson at a time: a lesson overlapping one already reported at the
     * institution (and not reversed: that one did not happen) is the same time sold twice.
     */
    static final Rule NO_OVERLAP = (lesson, policy) -> lesson.others().stream()
            .filter(other -> other.status() != LessonStatus.REVERSED)
            .filter(other -> other.startedAt().isBefore(lesson.endedAt())
                    && lesson.startedAt().isBefore(other.endedAt()))
            .findFirst()
            .flatMap(other -> refuse(
                    ProblemCode.LESSON_OVERLAPS,
                    "the student was in lesson " + other.lessonId() + " from " + other.startedAt() + " to "
                            + other.endedAt()));

    static final List<Rule> ALL = List.of(ENDED, WITHIN_COURSE, AFTER_PAYMENT, LONG_ENOUGH, NO_OVERLAP);

    private LessonRules() {}

    /** Throws the first rule's refusal, if any rule refuses. */
    static void check(Lesson lesson, LessonPolicy policy) {
        for (Rule rule : ALL) {
            Optional<Refusal> refusal = rule.check(lesson, policy);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
        }
    }

    private static Optional<Refusal> refuse(ProblemCode code, String detail) {
        return Optional.of(new Refusal(code, detail));
    }
}
