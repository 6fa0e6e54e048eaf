package com.tuitionescrow.ledger.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Money never wraps around and prints as yuan with two decimals. */
class FenTest {

    @Test
    void sums_that_overflow_throw_instead_of_wrapping() {
        assertThat(Fen.plus(Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> Fen.plus(Long.MAX_VALUE, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Fen.plus(Long.MIN_VALUE, -1)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void differences_that_overflow_throw_instead_of_wrapping() {
        assertThat(Fen.minus(100, 250)).isEqualTo(-150);
        assertThatThrownBy(() -> Fen.minus(Long.MIN_VALUE, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Fen.minus(Long.MAX_VALUE, -1)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void the_price_of_class_hours_is_price_times_hours_and_overflow_throws() {
        assertThat(Fen.times(15_000, 20)).isEqualTo(300_000);
        assertThatThrownBy(() -> Fen.times(Long.MAX_VALUE / 2 + 1, 2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void only_positive_amounts_pass_require_positive() {
        assertThat(Fen.requirePositive(1, "amount")).isEqualTo(1);
        assertThatThrownBy(() -> Fen.requirePositive(0, "amount"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> Fen.requirePositive(-1, "amount")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void yuan_prints_two_decimals() {
        assertThat(Fen.yuan(500_000)).isEqualTo("5000.00 yuan");
        assertThat(Fen.yuan(500_001)).isEqualTo("5000.01 yuan");
        assertThat(Fen.yuan(123_450)).isEqualTo("1234.50 yuan");
        assertThat(Fen.yuan(7)).isEqualTo("0.07 yuan");
        assertThat(Fen.yuan(0)).isEqualTo("0.00 yuan");
    }

    @Test
    void yuan_prints_a_negative_amount_with_one_leading_minus() {
        assertThat(Fen.yuan(-150)).isEqualTo("-1.50 yuan");
        assertThat(Fen.yuan(-7)).isEqualTo("-0.07 yuan");
        assertThat(Fen.yuan(-500_000)).isEqualTo("-5000.00 yuan");
    }

    @Test
    void yuan_prints_the_extremes_of_a_long() {
        assertThat(Fen.yuan(Long.MAX_VALUE)).isEqualTo("92233720368547758.07 yuan");
        // Math.abs(Long.MIN_VALUE) is still negative: the sign must not be printed twice.
        assertThat(Fen.yuan(Long.MIN_VALUE)).isEqualTo("-92233720368547758.08 yuan");
    }
}
