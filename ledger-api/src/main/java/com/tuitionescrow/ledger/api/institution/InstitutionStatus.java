package com.tuitionescrow.ledger.api.institution;

/** Only ACTIVE institutions sell courses or report lessons (黑白名单). */
public enum InstitutionStatus {
    ACTIVE,
    SUSPENDED,
    BLACKLISTED,
    WINDING_DOWN,
    CLOSED
}
