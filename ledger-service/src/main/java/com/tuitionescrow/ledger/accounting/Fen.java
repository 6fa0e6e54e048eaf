package com.tuitionescrow.ledger.accounting;

import java.math.BigDecimal;

/**
 * Money is a whole number of fen in a {@code long}; never a float. Every sum and product here
 * throws {@link ArithmeticException} rather than wrap around.
 */
public final class Fen {
    private Fen() {}

    public static long requirePositive(long fen, String what) {
        if (fen <= 0) {
            throw new IllegalArgumentException(what + " must be a positive number of fen: " + fen);
        }
        return fen;
    }

    public static long plus(long a, long b) {
        return Math.addExact(a, b);
    }

    public static long minus(long a, long b) {
        return Math.subtractExact(a, b);
    }

    /** The price of {@code hours} class hours. */
    public static long times(long pricePerHourFen, long hours) {
        return Math.multiplyExact(pricePerHourFen, hours);
    }

    /** {@code 500000} as {@code "5000.00 yuan"}, for messages a person reads. */
    public static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString() + " yuan";
    }
}
