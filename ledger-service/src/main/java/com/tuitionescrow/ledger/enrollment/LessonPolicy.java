package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a class hour (课时) lasts at the least, by course mode: a lesson reporting more class hours
 * than its duration holds is refused. Defaults in application.yml, reasons in the README.
 *
 * @param offlineClassHourMinutes the shortest offline class hour (40: the primary-school lesson, the
 *                                shortest of the 40-45 minutes Chinese schools count as one class hour)
 * @param onlineClassHourMinutes  the shortest online class hour (20: online class hours run 20 to 30
 *                                minutes, 双减 capping them at 30)
 */
@ConfigurationProperties("ledger.policy")
public record LessonPolicy(int offlineClassHourMinutes, int onlineClassHourMinutes) {

    public LessonPolicy {
        if (offlineClassHourMinutes <= 0 || onlineClassHourMinutes <= 0) {
            throw new IllegalArgumentException("ledger.policy class-hour minutes are positive numbers");
        }
    }

    /** The shortest time {@code hours} class hours of a course in this mode can take. */
    Duration shortest(CourseMode mode, int hours) {
        int minutes = mode == CourseMode.ONLINE ? onlineClassHourMinutes : offlineClassHourMinutes;
        return Duration.ofMinutes(Math.multiplyExact((long) minutes, hours));
    }
}
