package com.tuitionescrow.ledger.platform.web;

import com.tuitionescrow.ledger.api.common.ProblemCode;

/**
 * 503: the ledger cannot answer correctly right now, and the same request may be sent again. The
 * answer adds whether the request had recorded anything before (see {@link RequestCommits}).
 */
public class Unavailable extends RuntimeException {

    private final ProblemCode code;

    public Unavailable(ProblemCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ProblemCode code() {
        return code;
    }
}
