package com.tuitionescrow.ledger.api.settlement;

import java.time.OffsetDateTime;

/**
 * An account's totals. {@code balanceFen} is on the account's normal side: debit minus credit for
 * custody cash (an asset), credit minus debit for the liabilities.
 */
public record AccountBalanceResponse(
        String accountCode,
        AccountType type,
        String institutionId,
        String studentId,
        OffsetDateTime asOf,
        long debitFen,
        long creditFen,
        long balanceFen) {}
