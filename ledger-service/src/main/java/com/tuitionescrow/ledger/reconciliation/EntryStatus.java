package com.tuitionescrow.ledger.reconciliation;

/** ISO 20022 entry status: only booked entries move the balance and are matched. */
enum EntryStatus {
    BOOK,
    /** Pending: announced, not yet booked. Listed in the report, never matched. */
    PDNG
}
