/**
 * Reconciliation of the custody bank's statements (camt.053 or the bank's CSV) against the ledger:
 * parsed by hardened, strict parsers into one {@link com.tuitionescrow.ledger.reconciliation.BankStatement},
 * matched with the collections and executed instructions the ledger holds, and kept as reports.
 * Downstream of every other feature: nothing depends on it.
 */
package com.tuitionescrow.ledger.reconciliation;
