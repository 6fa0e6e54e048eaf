package com.tuitionescrow.ledger.loadtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.api.enrollment.LessonResponse;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.OrderResponse;
import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a request back through its order tells lost (-1) from there once (0) from applied twice (1). */
class AuditTest {

    private static final long LESSON_FEN = 20_000;

    private static Op op(Op.Kind kind, String id, long fen) {
        return new Op(kind, id, "A", "order-1", fen, () -> null);
    }

    private static LessonResponse lesson(String id, LessonStatus status) {
        return new LessonResponse(
                id, "order-1", Cycle.LESSON_HOURS, LESSON_FEN, null, null, status, List.of(), null, null);
    }

    private static OrderResponse order(
            long paidFen, int consumedHours, int confirmedHours, List<LessonResponse> lessons) {
        return new OrderResponse(
                "order-1",
                "A",
                "s",
                "c",
                null,
                OrderStatus.PAID,
                200_000,
                paidFen,
                20,
                consumedHours,
                confirmedHours,
                20 - consumedHours,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                lessons);
    }

    @Test
    void a_collection_is_lost_when_unpaid_and_twice_when_paid_over_its_amount() {
        Op collection = op(Op.Kind.COLLECTION, "TXN-1", 200_000);

        assertThat(Audit.compare(collection, order(0, 0, 0, List.of()))).isEqualTo(-1);
        assertThat(Audit.compare(collection, order(200_000, 0, 0, List.of()))).isZero();
        assertThat(Audit.compare(collection, order(400_000, 0, 0, List.of()))).isEqualTo(1);
    }

    @Test
    void a_lesson_and_its_confirmation_are_read_from_the_orders_lessons_and_hours() {
        Op lesson = op(Op.Kind.LESSON, "lesson-1", LESSON_FEN);
        Op confirmation = op(Op.Kind.CONFIRMATION, "lesson-1", LESSON_FEN);
        LessonResponse awaiting = lesson("lesson-1", LessonStatus.AWAITING_CONFIRMATION);
        LessonResponse confirmed = lesson("lesson-1", LessonStatus.CONFIRMED);

        assertThat(Audit.compare(lesson, order(200_000, 0, 0, List.of()))).isEqualTo(-1);
        assertThat(Audit.compare(lesson, order(200_000, 2, 0, List.of(awaiting))))
                .isZero();
        assertThat(Audit.compare(lesson, order(200_000, 4, 0, List.of(awaiting))))
                .isEqualTo(1);
        assertThat(Audit.compare(confirmation, order(200_000, 2, 0, List.of(awaiting))))
                .isEqualTo(-1);
        assertThat(Audit.compare(confirmation, order(200_000, 2, 2, List.of(confirmed))))
                .isZero();
        assertThat(Audit.compare(confirmation, order(200_000, 4, 4, List.of(confirmed))))
                .isEqualTo(1);
    }
}
