package com.tuitionescrow.ledger.api.enrollment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A regulator's ruling on a disputed lesson. */
public record LessonResolutionRequest(@NotNull LessonOutcome outcome, @Size(max = 500) String reason) {
}
