package com.tuitionescrow.ledger.api.institution;

import com.tuitionescrow.ledger.api.common.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record WindDownRequest(
        @NotBlank @Size(max = 500) @Pattern(regexp = Ids.TEXT)
        String reason) {}
