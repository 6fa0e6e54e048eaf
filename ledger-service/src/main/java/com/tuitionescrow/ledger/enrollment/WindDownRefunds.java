package com.tuitionescrow.ledger.enrollment;

/** The refunds one student account instructed when its institution wound down. */
public record WindDownRefunds(int count, long amountFen) {}
