package com.tuitionescrow.ledger.platform.web;

import com.tuitionescrow.ledger.api.common.ProblemCode;

/** 409: the request contradicts what the ledger already holds. */
public class Conflict extends RuntimeException {

    private final ProblemCode code;

    public Conflict(ProblemCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ProblemCode code() {
        return code;
    }
}
