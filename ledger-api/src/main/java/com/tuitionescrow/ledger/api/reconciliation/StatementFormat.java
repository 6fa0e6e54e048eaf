package com.tuitionescrow.ledger.api.reconciliation;

/** The files a custody bank sends its statements in, each with the Content-Type it is sent as. */
public enum StatementFormat {
    /** ISO 20022 camt.053 BankToCustomerStatement (001.02 to 001.13), one {@code Stmt} per file. */
    CAMT_053("application/xml"),
    /** The bank CSV of docs/api.md, UTF-8. */
    CSV("text/csv");

    private final String mediaType;

    StatementFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
