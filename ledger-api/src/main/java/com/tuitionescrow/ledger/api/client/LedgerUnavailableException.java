package com.tuitionescrow.ledger.api.client;

import java.util.OptionalInt;

/**
 * No answer to the call: the connection failed or timed out, or the ledger or a gateway in front
 * of it answered 502, 503 or 504 (restarting, overloaded, or out of the gateway's reach). The
 * outcome is unknown: the call may or may not have been applied. Send the same call again, with the same ids, to learn it; every call of
 * {@link LedgerClient} is safe to repeat, and a create repeated answers with its first result.
 */
public final class LedgerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** An HTTP answer that is no answer to the call (502, 503, 504). */
    LedgerUnavailableException(String call, int status, String body) {
        super(call + ": " + status + ", the ledger is unavailable" + (body.isBlank() ? "" : ": " + body));
        this.status = status;
    }

    /** No HTTP answer at all. */
    LedgerUnavailableException(String call, Throwable cause) {
        super(call + ": no answer from the ledger: " + cause, cause);
        this.status = 0;
    }

    /** The HTTP status of the answer, or empty when none arrived. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
