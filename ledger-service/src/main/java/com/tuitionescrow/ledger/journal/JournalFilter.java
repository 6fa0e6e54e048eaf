package com.tuitionescrow.ledger.journal;

import java.time.Instant;

/** What a journal search asks for; each criterion given narrows it, null ones do not. {@code to} is exclusive. */
record JournalFilter(String institutionId, String accountCode, String orderId, String type, Instant from, Instant to) {}
