package com.tuitionescrow.ledger.platform.security;

/** The roles of a token's {@code roles} claim (docs/api.md). */
public enum Role {
    /** 监管平台: sells courses for parents, relays their confirmations and refund requests. */
    PLATFORM,
    /** 托管银行: reports receipts, executes instructions, sends statements. */
    BANK,
    /** 培训机构: reports lessons; sees only its own institution. */
    INSTITUTION,
    /** 监管部门: registers and supervises institutions; audits the whole ledger. */
    REGULATOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
