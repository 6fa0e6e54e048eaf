package com.tuitionescrow.ledger.platform.web;

/** 400 VALIDATION_FAILED for what bean validation cannot see: cross-field rules, check characters. */
public class InvalidRequest extends RuntimeException {

    private final String field;

    public InvalidRequest(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
