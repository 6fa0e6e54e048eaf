package com.tuitionescrow.ledger.api.instruction;

import java.time.OffsetDateTime;

/** Run the release now, as of {@code asOf} (not later than now; now if absent). */
public record DisbursementRunRequest(OffsetDateTime asOf) {}
