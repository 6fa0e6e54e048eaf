package com.tuitionescrow.ledger.institution;

import com.tuitionescrow.ledger.api.institution.Category;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.institution.SupervisionModel;
import java.time.Instant;

/** What happened to institutions. Stored forever: add fields, never rename or remove them. */
public final class InstitutionEvents {

    private InstitutionEvents() {}

    public record InstitutionRegistered(
            String institutionId,
            String name,
            Category category,
            SupervisionModel supervisionModel,
            String custodyAccountNo,
            Long riskReserveFen,
            Instant registeredAt) {}

    public record InstitutionStatusChanged(
            String institutionId, InstitutionStatus from, InstitutionStatus to, String reason, Instant changedAt) {}
}
