package com.tuitionescrow.ledger.api.institution;

import java.time.OffsetDateTime;

public record InstitutionResponse(
        String institutionId,
        String name,
        Category category,
        SupervisionModel supervisionModel,
        String custodyAccountNo,
        Long riskReserveFen,
        InstitutionStatus status,
        String statusReason,
        OffsetDateTime registeredAt) {}
