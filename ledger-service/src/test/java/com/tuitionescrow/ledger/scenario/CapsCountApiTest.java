package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the caps count: a lesson is consumed for the caps only once confirmed (a disputed one may be
 * reversed and its hours come back), and a subject is the same subject whatever its case, width or
 * surrounding spaces.
 */
class CapsCountApiTest extends CheckedScenario {

    @Test
    void given_25_disputed_hours_of_40_when_30_more_are_sold_then_CAP_HOURS_since_a_reversal_would_leave_70() {
        Institution school = school();
        String student = id("stu");
        Paid order = soldAndPaid(school, student, course("piano", 5_000, 40));
        String lessonId = teach(school, order.orderId(), 25);
        dispute(lessonId);

        Http.Response more = saleResponse(school, student, course("violin", 5_000, 30));

        assertRefused(more, 422, "CAP_HOURS");
        rule(lessonId, "REVERSED");
        assertThat(order(order.orderId()).get("remainingHours").asInt()).isEqualTo(40);
    }

    @Test
    void given_a_confirmed_lesson_when_more_is_sold_then_its_hours_no_longer_count() {
        Institution school = school();
        String student = id("stu");
        Paid order = soldAndPaid(school, student, course("piano", 5_000, 40));
        confirm(teach(school, order.orderId(), 25));

        assertThat(saleResponse(school, student, course("violin", 5_000, 30)).status())
                .isEqualTo(201);
    }

    @Test
    void given_40_hours_of_piano_left_when_Piano_or_full_width_or_spaced_piano_is_renewed_then_ADVANCE_TOO_EARLY() {
        Institution school = school();
        String student = id("stu");
        Paid order = soldAndPaid(school, student, course("piano", 5_000, 50));
        confirm(teach(school, order.orderId(), 10));

        for (String sameSubject : new String[] {"Piano", "ＰＩＡＮＯ", " piano  ", "PIANO"}) {
            assertRefused(saleResponse(school, student, courseOf(sameSubject)), 422, "ADVANCE_TOO_EARLY");
        }
        assertThat(saleResponse(school, student, courseOf("钢琴")).status())
                .as("another subject")
                .isEqualTo(201);
    }

    /** Five hours of the subject, under a course id of its own (a course id is a plain code). */
    private Map<String, Object> courseOf(String subject) {
        Map<String, Object> course = course(subject, 5_000, 5);
        course.put("courseId", id("course"));
        return course;
    }
}
