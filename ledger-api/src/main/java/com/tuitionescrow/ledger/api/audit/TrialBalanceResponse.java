package com.tuitionescrow.ledger.api.audit;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Debits and credits of every ledger account. Student sub-ledgers are rolled up into one control
 * account per institution (its code ends at the institution); read a single student's account with
 * {@code GET /v1/accounts/{accountCode}}.
 */
public record TrialBalanceResponse(
        OffsetDateTime asOf, List<Line> accounts, long totalDebitFen, long totalCreditFen, boolean balanced) {
    public TrialBalanceResponse {
        accounts = List.copyOf(accounts);
    }

    public record Line(String accountCode, long debitFen, long creditFen, long balanceFen) {}
}
