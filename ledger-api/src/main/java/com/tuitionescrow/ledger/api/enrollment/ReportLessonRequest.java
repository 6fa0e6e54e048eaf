package com.tuitionescrow.ledger.api.enrollment;

import com.tuitionescrow.ledger.api.common.Ids;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.OffsetDateTime;

/** A lesson delivered (消课). {@code lessonId} is the idempotency key. */
public record ReportLessonRequest(
        @NotNull @Pattern(regexp = Ids.CLIENT_ID) String lessonId,
        @NotNull @Positive @Max(100_000) Integer hours,
        @NotNull OffsetDateTime startedAt,
        @NotNull OffsetDateTime endedAt) {}
