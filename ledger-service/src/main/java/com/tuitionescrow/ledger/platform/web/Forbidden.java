package com.tuitionescrow.ledger.platform.web;

/** 403: the caller's role or scope does not reach this resource. */
public class Forbidden extends RuntimeException {
    public Forbidden(String detail) {
        super(detail, null, false, false);
    }
}
