package com.tuitionescrow.ledger.api.reconciliation;

/** The direction of a movement in the custody account, as ISO 20022 names it (CdtDbtInd). */
public enum CreditDebit {
    /** Money into custody: a collection. */
    CRDT,
    /** Money out of custody: an executed disbursement, refund or suspense return. */
    DBIT;

    public CreditDebit opposite() {
        return this == CRDT ? DBIT : CRDT;
    }
}
