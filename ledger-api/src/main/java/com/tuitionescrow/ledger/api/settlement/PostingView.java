package com.tuitionescrow.ledger.api.settlement;

public record PostingView(String accountCode, long debitFen, long creditFen) {}
