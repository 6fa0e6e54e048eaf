package com.tuitionescrow.ledger.institution;

import com.tuitionescrow.ledger.api.institution.Category;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.institution.SupervisionModel;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to the {@link Institution} aggregate. */
public final class InstitutionCommands {

    private InstitutionCommands() {}

    record RegisterInstitution(
            @TargetAggregateIdentifier String institutionId,
            String name,
            Category category,
            SupervisionModel supervisionModel,
            String custodyAccountNo,
            Long riskReserveFen,
            Instant now) {}

    record ChangeInstitutionStatus(
            @TargetAggregateIdentifier String institutionId, InstitutionStatus status, String reason, Instant now) {}

    /** 机构关停: the institution stops abnormally; only a regulator winds it down, and it is final. */
    public record WindDownInstitution(
            @TargetAggregateIdentifier String institutionId, String reason, Instant now) {}
}
