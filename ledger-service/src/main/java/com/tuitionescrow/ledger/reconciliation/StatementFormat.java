package com.tuitionescrow.ledger.reconciliation;

/** The files a custody bank sends its statements in, by their Content-Type. */
enum StatementFormat {
    /** ISO 20022 BankToCustomerStatement, {@code application/xml}. */
    CAMT_053,
    /** The bank CSV of api.md, {@code text/csv}. */
    CSV
}
