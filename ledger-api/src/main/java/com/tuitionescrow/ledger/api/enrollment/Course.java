package com.tuitionescrow.ledger.api.enrollment;

import com.tuitionescrow.ledger.api.common.Ids;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.LocalDate;

/** The course an order sells: N class hours (课时) of one subject at a price per class hour. */
public record Course(
        @NotNull @Pattern(regexp = Ids.CLIENT_ID) String courseId,

        @Schema(
                description =
                        "The subject, in any script (钢琴, piano); caps and the advance rule are counted per subject where "
                                + "policy says so. Two names are the same subject when they match ignoring case, full-width forms "
                                + "(NFKC), surrounding spaces and runs of spaces",
                example = "piano")
        @NotNull
        @Pattern(regexp = Ids.SUBJECT)
        String subject,

        @NotNull CourseMode mode,

        @Schema(description = "Price of one class hour, in fen", example = "15000") @NotNull @Positive
        Long pricePerHourFen,

        @Schema(description = "Class hours sold", example = "20") @NotNull @Positive @Max(100_000)
        Integer hours,

        @NotNull LocalDate startDate,
        @NotNull LocalDate endDate) {}
