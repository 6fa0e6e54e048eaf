package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Lesson-time rules of the 2022 opinion on non-academic training, read in Beijing time. Breaches
 * are recorded with the lesson for regulators; they do not refuse it.
 */
final class LessonTimeRules {

    static final LocalTime OFFLINE_LATEST_END = LocalTime.of(20, 30);
    static final LocalTime ONLINE_LATEST_END = LocalTime.of(21, 0);
    static final Duration ONLINE_LONGEST = Duration.ofMinutes(30);
    static final Duration ONLINE_SHORTEST_BREAK = Duration.ofMinutes(10);

    private LessonTimeRules() {}

    /**
     * @param breakBefore the gap since the student's previous online lesson, or null if none that day
     * @param breakAfter  the gap until the student's next online lesson, or null if none that day
     */
    static List<LessonViolation> check(
            CourseMode mode, Instant startedAt, Instant endedAt, Duration breakBefore, Duration breakAfter) {
        List<LessonViolation> violations = new ArrayList<>();
        if (mode == CourseMode.OFFLINE) {
            if (endsAfter(startedAt, endedAt, OFFLINE_LATEST_END)) {
                violations.add(LessonViolation.OFFLINE_AFTER_2030);
            }
            return violations;
        }
        if (endsAfter(startedAt, endedAt, ONLINE_LATEST_END)) {
            violations.add(LessonViolation.ONLINE_AFTER_2100);
        }
        if (Duration.between(startedAt, endedAt).compareTo(ONLINE_LONGEST) > 0) {
            violations.add(LessonViolation.ONLINE_OVER_30_MIN);
        }
        if (isShort(breakBefore) || isShort(breakAfter)) {
            violations.add(LessonViolation.ONLINE_BREAK_UNDER_10_MIN);
        }
        return violations;
    }

    /** The gap since the nearest of the student's other online lessons that started no later, if any. */
    static Duration breakBefore(Instant startedAt, List<LessonState> otherOnlineLessons) {
        return otherOnlineLessons.stream()
                .filter(other -> !other.startedAt().isAfter(startedAt))
                .map(other -> Duration.between(other.endedAt(), startedAt))
                .min(Duration::compareTo)
                .orElse(null);
    }

    /** The gap until the nearest of the student's other online lessons that started later, if any. */
    static Duration breakAfter(Instant startedAt, Instant endedAt, List<LessonState> otherOnlineLessons) {
        return otherOnlineLessons.stream()
                .filter(other -> other.startedAt().isAfter(startedAt))
                .map(other -> Duration.between(endedAt, other.startedAt()))
                .min(Duration::compareTo)
                .orElse(null);
    }

    /** Ends after the latest end time of its start day, or on a later day than it started. */
    private static boolean endsAfter(Instant startedAt, Instant endedAt, LocalTime latestEnd) {
        ZonedDateTime start = startedAt.atZone(LedgerTime.ZONE);
        ZonedDateTime end = endedAt.atZone(LedgerTime.ZONE);
        return end.isAfter(start.toLocalDate().atTime(latestEnd).atZone(LedgerTime.ZONE));
    }

    private static boolean isShort(Duration gap) {
        return gap != null && gap.compareTo(ONLINE_SHORTEST_BREAK) < 0;
    }
}
