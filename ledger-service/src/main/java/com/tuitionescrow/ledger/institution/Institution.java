package com.tuitionescrow.ledger.institution;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.institution.InstitutionCommands.ChangeInstitutionStatus;
import com.tuitionescrow.ledger.institution.InstitutionCommands.RegisterInstitution;
import com.tuitionescrow.ledger.institution.InstitutionCommands.WindDownInstitution;
import com.tuitionescrow.ledger.institution.InstitutionEvents.InstitutionRegistered;
import com.tuitionescrow.ledger.institution.InstitutionEvents.InstitutionStatusChanged;
import com.tuitionescrow.ledger.shared.Refusal;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A training institution (培训机构) under supervision, and its standing with the regulator. */
@Aggregate(lockFactory = "aggregateLocks")
class Institution {

    /** The statuses a regulator sets directly; winding down and closing go through the wind-down. */
    static final Set<InstitutionStatus> SETTABLE =
            EnumSet.of(InstitutionStatus.ACTIVE, InstitutionStatus.SUSPENDED, InstitutionStatus.BLACKLISTED);

    @AggregateIdentifier
    private String institutionId;

    private InstitutionStatus status;

    protected Institution() {}

    @CommandHandler
    Institution(RegisterInstitution command) {
        apply(new InstitutionRegistered(
                command.institutionId(),
                command.name(),
                command.category(),
                command.supervisionModel(),
                command.custodyAccountNo(),
                command.riskReserveFen(),
                command.now()));
    }

    @CommandHandler
    void handle(ChangeInstitutionStatus command) {
        if (!SETTABLE.contains(command.status())) {
            throw new IllegalArgumentException("not a status a regulator sets directly: " + command.status());
        }
        if (!SETTABLE.contains(status)) {
            throw new Refusal(
                    ProblemCode.INSTITUTION_STATUS_FINAL,
                    "institution " + institutionId + " is " + status + "; its status no longer changes");
        }
        if (command.status() != status) {
            apply(new InstitutionStatusChanged(
                    institutionId, status, command.status(), command.reason(), command.now()));
        }
    }

    /** Winding down is final and repeating it changes nothing. */
    @CommandHandler
    void handle(WindDownInstitution command) {
        if (status == InstitutionStatus.WINDING_DOWN) {
            return;
        }
        if (!SETTABLE.contains(status)) {
            throw new Refusal(
                    ProblemCode.INSTITUTION_STATUS_FINAL,
                    "institution " + institutionId + " is " + status + "; its status no longer changes");
        }
        apply(new InstitutionStatusChanged(
                institutionId, status, InstitutionStatus.WINDING_DOWN, command.reason(), command.now()));
    }

    @EventSourcingHandler
    void on(InstitutionRegistered event) {
        institutionId = event.institutionId();
        status = InstitutionStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(InstitutionStatusChanged event) {
        status = event.to();
    }
}
