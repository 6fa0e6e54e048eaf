package com.tuitionescrow.ledger.api.institution;

import com.tuitionescrow.ledger.api.common.Ids;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record ChangeStatusRequest(
        @Schema(allowableValues = {"ACTIVE", "SUSPENDED", "BLACKLISTED"}) @NotNull
        InstitutionStatus status,

        @NotBlank @Size(max = 500) @Pattern(regexp = Ids.TEXT)
        String reason) {}
