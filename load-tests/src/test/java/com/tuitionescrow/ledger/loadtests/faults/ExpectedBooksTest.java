package com.tuitionescrow.ledger.loadtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedBooksTest {

    private static Op op(Op.Kind kind, String id, String institutionId, long fen) {
        return new Op(kind, id, institutionId, "order-" + id, fen, () -> null);
    }

    @Test
    void acknowledged_money_lands_where_the_chart_of_accounts_puts_it_per_institution() {
        Map<String, ExpectedBooks> books = ExpectedBooks.of(List.of(
                op(Op.Kind.INSTITUTION, "A", "A", 0),
                op(Op.Kind.ORDER, "1", "A", 200_000),
                op(Op.Kind.COLLECTION, "1", "A", 200_000),
                op(Op.Kind.LESSON, "1", "A", 20_000),
                op(Op.Kind.CONFIRMATION, "1", "A", 20_000),
                op(Op.Kind.COLLECTION, "2", "A", 300_000),
                op(Op.Kind.LESSON, "2", "A", 30_000),
                op(Op.Kind.INSTITUTION, "B", "B", 0)));

        assertThat(books).containsOnlyKeys("A", "B");
        ExpectedBooks a = books.get("A");
        assertThat(a.custodyFen()).isEqualTo(500_000);
        assertThat(a.awaitingConfirmationFen()).isEqualTo(30_000);
        assertThat(a.releasableFen()).isEqualTo(20_000);
        assertThat(a.prepaidFen()).isEqualTo(450_000);
        assertThat(a.entries()).isEqualTo(5);
        assertThat(books.get("B")).isEqualTo(ExpectedBooks.NONE);
    }
}
