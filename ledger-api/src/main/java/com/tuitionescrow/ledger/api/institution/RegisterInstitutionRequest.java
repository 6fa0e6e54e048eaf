package com.tuitionescrow.ledger.api.institution;

import com.tuitionescrow.ledger.api.common.Ids;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

public record RegisterInstitutionRequest(
        @Schema(
                description = "The 18-character unified social credit code (统一社会信用代码); its check character is verified",
                example = "91350100M000100Y43")
        @NotNull
        @Pattern(regexp = Ids.CREDIT_CODE)
        String institutionId,

        @NotBlank @Size(max = 200) @Pattern(regexp = Ids.TEXT)
        String name,

        @NotNull Category category,
        @NotNull SupervisionModel supervisionModel,

        @Schema(
                description = "The institution's dedicated custody account (专户) at the custody bank",
                example = "6222020200112233")
        @NotNull
        @Pattern(regexp = Ids.ACCOUNT_NO)
        String custodyAccountNo,

        @Schema(description = "The risk reserve deposited (风险保证金), in fen; required with RISK_RESERVE") @PositiveOrZero
        Long riskReserveFen) {}
