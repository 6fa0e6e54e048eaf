package com.tuitionescrow.ledger.api.client;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import java.io.Serializable;
import java.util.List;

/**
 * The ledger answered and refused: an RFC 9457 problem with its stable code. A refused call
 * changed nothing (docs/api.md, "Conventions"), so the outcome is known. Branch on {@link #code()},
 * never on the human-readable {@link #detail()}.
 */
public final class LedgerProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One invalid field of a {@code VALIDATION_FAILED} problem, as the ledger names it ({@code course.hours}). */
    public record FieldError(String field, String message) implements Serializable {}

    private final int status;
    private final ProblemCode code;
    private final String rawCode;
    private final String detail;
    private final List<FieldError> fieldErrors;

    LedgerProblemException(String call, int status, String rawCode, String detail, List<FieldError> fieldErrors) {
        super(call + ": " + status + (rawCode == null ? "" : " " + rawCode) + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.code = known(rawCode);
        this.rawCode = rawCode;
        this.detail = detail;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** The HTTP status: 400, 401, 403, 404, 409, 413, 422, and so on. */
    public int status() {
        return status;
    }

    /** The problem's code, or null when this client does not know it (see {@link #rawCode()}). */
    public ProblemCode code() {
        return code;
    }

    /**
     * The code as the ledger sent it: a ledger newer than this client may answer a code the
     * {@link ProblemCode} here does not list yet; null when the answer was not a problem at all.
     */
    public String rawCode() {
        return rawCode;
    }

    public String detail() {
        return detail;
    }

    /** The invalid fields of a {@code VALIDATION_FAILED} problem; empty otherwise. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /**
     * Whether sending the same call again may succeed: the ledger gave up on a race with other
     * changes to the same records ({@code CONCURRENT_MODIFICATION}) and wrote nothing;
     * {@link LedgerClient} repeats it by itself.
     */
    public boolean isRetryable() {
        return code == ProblemCode.CONCURRENT_MODIFICATION;
    }

    private static ProblemCode known(String rawCode) {
        if (rawCode == null) {
            return null;
        }
        try {
            return ProblemCode.valueOf(rawCode);
        } catch (IllegalArgumentException newerThanThisClient) {
            return null;
        }
    }
}
