/**
 * Reconciliation of the custody bank's statements (camt.053 or the bank's CSV) against the ledger:
 * parsed by hardened, strict parsers into one {@link com.tuitionescrow.ledger.reconciliation.BankStatement},
 * matched with the collections and executed instructions the ledger holds, and kept as reports.
 * The latest statement's closing balance is the bank's word on custody ({@link
 * com.tuitionescrow.ledger.reconciliation.BankBalances}): the wind-down and the audit judge coverage by it.
 */
package com.tuitionescrow.ledger.reconciliation;
