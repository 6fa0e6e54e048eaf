package com.tuitionescrow.ledger.platform.web;

/**
 * 404. Also what another institution's caller gets for a resource it may not see, so the answer
 * does not reveal whether the resource exists.
 */
public class NotFound extends RuntimeException {
    public NotFound(String what) {
        super(what + " not found", null, false, false);
    }
}
