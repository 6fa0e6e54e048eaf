package com.tuitionescrow.ledger.reconciliation;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * camt.053 states amounts in yuan with a decimal point ({@code 3000.00}); the ledger counts fen. The
 * conversion is exact: an amount that is not a whole number of fen ({@code 12.345}) is refused,
 * never rounded ({@code 12.300} is whole fen and accepted, as ISO 20022 allows 5 decimals), and a
 * binary float is never involved.
 */
final class YuanAmount {

    /**
     * Plain decimal digits only: no sign, exponent, grouping or spaces, which BigDecimal would accept;
     * 16 digits before the point keep every amount inside a long of fen.
     */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,16}(\\.[0-9]{1,5})?");

    private YuanAmount() {}

    /** The amount in fen; {@link IllegalArgumentException} with a reason a bank can act on otherwise. */
    static long toFen(String yuan) {
        if (yuan == null || !DECIMAL.matcher(yuan).matches()) {
            throw new IllegalArgumentException(
                    "an amount is a plain decimal number of yuan, like 3000.00: '" + abbreviate(yuan) + "'");
        }
        BigDecimal fen = new BigDecimal(yuan).movePointRight(2);
        if (fen.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("an amount has at most 2 decimals (whole fen): " + yuan);
        }
        return fen.longValueExact();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 32 ? text : text.substring(0, 32) + "...";
    }
}
