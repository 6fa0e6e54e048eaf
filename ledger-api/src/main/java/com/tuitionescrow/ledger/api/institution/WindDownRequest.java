package com.tuitionescrow.ledger.api.institution;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record WindDownRequest(@NotBlank @Size(max = 500) String reason) {
}
