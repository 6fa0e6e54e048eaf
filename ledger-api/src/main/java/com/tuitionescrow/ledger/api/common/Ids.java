package com.tuitionescrow.ledger.api.common;

/** Shapes of identifiers, shared by the request types so every id is checked the same way. */
public final class Ids {
    /** Client-chosen ids (orders, lessons, students, courses, contracts): idempotency keys. */
    public static final String CLIENT_ID = "^[A-Za-z0-9_-]{1,64}$";
    /**
     * A subject's name: letters of any script, digits, spaces, '_' and '-', at least one letter or
     * digit; no control or punctuation characters.
     */
    public static final String SUBJECT = "^(?=.*[\\p{L}\\p{N}])[\\p{L}\\p{M}\\p{N}\\p{Zs}_-]{1,64}$";
    /** A bank's transaction reference. */
    public static final String BANK_TXN_ID = "^[A-Za-z0-9_.-]{1,64}$";
    /** A custody (dedicated) account number at the custody bank. */
    public static final String ACCOUNT_NO = "^[0-9]{8,32}$";
    /** The shape of a unified social credit code; its check character is verified by the service. */
    public static final String CREDIT_CODE = "^[0-9A-HJ-NP-RT-UW-Y]{18}$";
    /**
     * Free text (a name, a reason): anything but control characters, which no name or reason holds
     * and which PostgreSQL (NUL) or a reader's terminal (escape sequences) would not take kindly.
     */
    public static final String TEXT = "^[^\\x00-\\x1F\\x7F]*$";

    private Ids() {}
}
