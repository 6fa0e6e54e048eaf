package com.tuitionescrow.ledger.api.audit;

/** The figure a ranking of institutions is ordered by; ties go by institution id. */
public enum InstitutionSort {
    RISK,
    NAME,
    STATUS,
    CUSTODY,
    /** The latest statement's bank balance; an institution without a statement ranks below any balance. */
    BANK,
    /** The size of the latest statement's difference, bank against ledger, either way. */
    DIFFERENCE,
    UNCONSUMED,
    SUSPENSE,
    VIOLATIONS,
    OPEN_DISPUTES,
    OPEN_REFUNDS,
    /** The latest statement's last day; an institution without a statement ranks before any day. */
    LAST_STATEMENT
}
