package com.tuitionescrow.ledger.enrollment;

/** The outcomes one student account's closed windows took: lessons confirmed, refunds approved. */
public record WindowsClosed(int confirmed, int approved) {}
