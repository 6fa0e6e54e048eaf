package com.tuitionescrow.ledger.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** camt.053 amounts are yuan with decimals; the ledger's are whole fen, converted exactly or refused. */
class YuanAmountTest {

    @ParameterizedTest(name = "{0} yuan is {1} fen")
    @CsvSource({
        "0.01, 1",
        "0.1, 10",
        "12.3, 1230",
        "12.30, 1230",
        "12.300, 1230",
        "5000.00, 500000",
        "5000, 500000",
        "0, 0",
        "0.00, 0",
        "3411.46, 341146",
        // No binary float could hold this exactly; BigDecimal does.
        "92233720368547.75, 9223372036854775"
    })
    void an_amount_in_whole_fen_converts_exactly(String yuan, long fen) {
        assertThat(YuanAmount.toFen(yuan)).isEqualTo(fen);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"12.345", "0.001", "5000.00001"})
    void an_amount_with_a_fraction_of_a_fen_is_refused_not_rounded(String yuan) {
        assertThatThrownBy(() -> YuanAmount.toFen(yuan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 2 decimals");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                "",
                "-1.00",
                "+1.00",
                "1e3",
                "1E+3",
                "1,000.00",
                " 1.00",
                "1.00 ",
                ".5",
                "5.",
                "NaN",
                "12345678901234567.00",
                "0x10",
                "１２.００"
            })
    void anything_but_plain_decimal_digits_is_refused(String yuan) {
        assertThatThrownBy(() -> YuanAmount.toFen(yuan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain decimal number");
    }

    @Test
    void a_missing_amount_is_refused() {
        assertThatThrownBy(() -> YuanAmount.toFen(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
