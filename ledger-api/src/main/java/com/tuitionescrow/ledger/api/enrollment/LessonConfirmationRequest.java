package com.tuitionescrow.ledger.api.enrollment;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The parent's answer to a reported lesson, relayed by the platform. */
public record LessonConfirmationRequest(@NotNull LessonDecision decision, @Size(max = 500) String reason) {
}
