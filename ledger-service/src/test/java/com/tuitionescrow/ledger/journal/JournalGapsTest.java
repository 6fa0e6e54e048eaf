package com.tuitionescrow.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When the journal may pass a hole in the event store's global index. */
class JournalGapsTest {

    private static final Instant SEEN = Instant.parse("2026-03-02T02:00:00Z");
    private static final Instant SETTLED = SEEN.plus(JournalGaps.SETTLE);
    private final JournalGaps gaps = new JournalGaps(Duration.ofSeconds(60));

    @Test
    void a_hole_never_seen_is_not_passed() {
        assertThat(gaps.passable(5, Set.of(), SETTLED)).isFalse();
    }

    @Test
    void a_hole_is_passed_once_every_transaction_running_when_it_was_seen_has_ended() {
        gaps.seen(5, 6, List.of(100L, 101L), SEEN);

        assertThat(gaps.awaited()).containsExactly(100L, 101L);
        assertThat(gaps.passable(5, Set.of(101L), SETTLED)).as("101 still runs").isFalse();
        assertThat(gaps.passable(6, Set.of(), SETTLED)).isTrue();
        assertThat(gaps.timedOut(6, Set.of())).isFalse();
    }

    @Test
    void a_hole_is_not_judged_before_it_settles_and_gathers_the_transactions_seen_meanwhile() {
        gaps.seen(5, 5, List.of(), SEEN);
        gaps.seen(5, 5, List.of(102L), SEEN.plusMillis(50));

        assertThat(gaps.passable(5, Set.of(), SEEN.plusMillis(100)))
                .as("not settled")
                .isFalse();
        assertThat(gaps.passable(5, Set.of(102L), SETTLED))
                .as("102 took its id a moment late")
                .isFalse();
        gaps.seen(5, 5, List.of(103L), SETTLED);
        assertThat(gaps.awaited()).as("settled: no more gathering").containsExactly(102L);
    }

    @Test
    void a_hole_held_open_for_the_timeout_is_passed_and_says_so() {
        gaps.seen(5, 5, List.of(100L), SEEN);

        assertThat(gaps.passable(5, Set.of(100L), SEEN.plusSeconds(59))).isFalse();
        assertThat(gaps.passable(5, Set.of(100L), SEEN.plusSeconds(60))).isTrue();
        assertThat(gaps.timedOut(5, Set.of(100L))).isTrue();
    }

    @Test
    void holes_behind_the_position_are_forgotten() {
        gaps.seen(5, 7, List.of(100L), SEEN);
        gaps.passedUpTo(6);

        assertThat(gaps.passable(6, Set.of(), SETTLED)).isFalse();
        assertThat(gaps.passable(7, Set.of(), SETTLED)).isTrue();
    }
}
