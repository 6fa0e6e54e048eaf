package com.tuitionescrow.ledger.api.common;

/**
 * The stable, machine-readable {@code code} of every RFC 9457 problem response. Clients branch on
 * these, never on the human-readable {@code detail}; a code, once published, keeps its meaning.
 */
public enum ProblemCode {
    // 400
    VALIDATION_FAILED,
    /** The path is not written the one way the ledger accepts (no encoding, dot segments, doubled slashes...). */
    PATH_NOT_CANONICAL,
    /** The request is refused before routing: an HTTP method, header or parameter no client of the contract sends. */
    REQUEST_REJECTED,
    // 401
    UNAUTHENTICATED,
    SIGNATURE_INVALID,
    SIGNATURE_STALE,
    // 403
    FORBIDDEN,
    // 404
    NOT_FOUND,
    // 405, 406, 413, 415
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    // 409
    IDEMPOTENCY_CONFLICT,
    CUSTODY_ACCOUNT_IN_USE,
    CONCURRENT_MODIFICATION,
    // 422: business rules (the caps and timing rules of the 2021/2022 national rules, see docs/domain.md)
    CAP_AMOUNT,
    CAP_HOURS,
    CAP_TERM,
    ADVANCE_TOO_EARLY,
    INSTITUTION_NOT_ACTIVE,
    INSTITUTION_UNKNOWN,
    INSTITUTION_STATUS_FINAL,
    ORDER_NOT_PAID,
    ORDER_NOT_CANCELLABLE,
    INSUFFICIENT_HOURS,
    /** The lesson ends after the ledger's now: it has not happened yet. */
    LESSON_NOT_ENDED,
    /** The lesson falls outside its course's first and last day (Beijing dates). */
    LESSON_OUTSIDE_COURSE,
    /** The lesson began before the bank received the order's money. */
    LESSON_BEFORE_PAYMENT,
    /** The lesson reports more class hours than its duration holds (the class-hour minutes policy). */
    LESSON_TOO_SHORT,
    /** The lesson overlaps another lesson of the same student at the institution. */
    LESSON_OVERLAPS,
    /** An answer came after its window closed (a dispute after confirmBy, a contest after answerBy). */
    ANSWER_WINDOW_CLOSED,
    REFUND_PENDING,
    LESSON_ALREADY_ANSWERED,
    LESSON_NOT_DISPUTED,
    NOTHING_TO_REFUND,
    REFUND_ALREADY_ANSWERED,
    REFUND_NOT_CONTESTED,
    INSTRUCTION_NOT_PENDING,
    /** A regulator's resolution names an instruction that is not UNDELIVERABLE (or no longer the current one). */
    INSTRUCTION_NOT_UNDELIVERABLE,
    STATEMENT_ACCOUNT_UNKNOWN,
    /** An asOf read names a moment later than the ledger's now: the books as of then are not written yet. */
    AS_OF_IN_FUTURE,
    // 500
    INTERNAL_ERROR,
    // 503: try again shortly (the detail says whether anything was recorded before the failure)
    JOURNAL_BEHIND,
    /** The ledger cannot reach its database; send the same request again shortly. */
    DATABASE_UNAVAILABLE
}
