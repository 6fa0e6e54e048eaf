package com.tuitionescrow.ledger.api.enrollment;

import com.tuitionescrow.ledger.api.common.Ids;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The parent's answer to a reported lesson, relayed by the platform. */
public record LessonConfirmationRequest(
        @NotNull LessonDecision decision,
        @Size(max = 500) @Pattern(regexp = Ids.TEXT) String reason) {}
