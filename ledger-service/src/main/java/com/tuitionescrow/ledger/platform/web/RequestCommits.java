package com.tuitionescrow.ledger.platform.web;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * How many transactions the current request has committed. Most requests are one transaction, and a
 * failure leaves nothing; a batch, a release run or a wind-down commit step by step, and a failure
 * half way must not be answered as if nothing had happened. The failure's answer reads this.
 */
public final class RequestCommits {

    private static final String ATTRIBUTE = RequestCommits.class.getName();

    private RequestCommits() {}

    /** Called once a transaction of the current request has committed; outside a request it does nothing. */
    public static void committed() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, count(request) + 1, RequestAttributes.SCOPE_REQUEST);
        }
    }

    static int count() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? 0 : count(request);
    }

    private static int count(RequestAttributes request) {
        Object count = request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return count == null ? 0 : (Integer) count;
    }
}
