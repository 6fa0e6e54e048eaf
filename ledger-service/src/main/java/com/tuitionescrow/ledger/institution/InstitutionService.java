package com.tuitionescrow.ledger.institution;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.institution.ChangeStatusRequest;
import com.tuitionescrow.ledger.api.institution.InstitutionResponse;
import com.tuitionescrow.ledger.api.institution.RegisterInstitutionRequest;
import com.tuitionescrow.ledger.api.institution.SupervisionModel;
import com.tuitionescrow.ledger.institution.InstitutionCommands.ChangeInstitutionStatus;
import com.tuitionescrow.ledger.institution.InstitutionCommands.RegisterInstitution;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.command.IdempotencyKey;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.security.Role;
import com.tuitionescrow.ledger.platform.web.Conflict;
import com.tuitionescrow.ledger.platform.web.Forbidden;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import com.tuitionescrow.ledger.platform.web.NotFound;
import java.time.Clock;
import org.springframework.stereotype.Service;

@Service
class InstitutionService {

    private final CommandTransactions commands;
    private final InstitutionDirectory directory;
    private final Clock clock;

    InstitutionService(CommandTransactions commands, InstitutionDirectory directory, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.clock = clock;
    }

    InstitutionResponse register(RegisterInstitutionRequest request, Caller caller) {
        if (!CreditCode.isValid(request.institutionId())) {
            throw new InvalidRequest("institutionId", "not a unified social credit code: wrong check character");
        }
        if (request.supervisionModel() == SupervisionModel.RISK_RESERVE && request.riskReserveFen() == null) {
            throw new InvalidRequest("riskReserveFen", "an institution under RISK_RESERVE states its reserve");
        }
        // The key is the institution's credit code, which a refused registration must not use up.
        IdempotencyKey key = new IdempotencyKey("INSTITUTION", request.institutionId());
        return commands.onceSucceeded(key, request, InstitutionResponse.class, () -> {
            directory.findByCustodyAccount(request.custodyAccountNo()).ifPresent(holder -> {
                throw new Conflict(
                        ProblemCode.CUSTODY_ACCOUNT_IN_USE,
                        "that custody account is registered to another institution");
            });
            commands.send(
                    new RegisterInstitution(
                            request.institutionId(),
                            request.name(),
                            request.category(),
                            request.supervisionModel(),
                            request.custodyAccountNo(),
                            request.riskReserveFen(),
                            clock.instant()),
                    caller);
            return get(request.institutionId(), caller);
        });
    }

    InstitutionResponse changeStatus(String institutionId, ChangeStatusRequest request, Caller caller) {
        if (!Institution.SETTABLE.contains(request.status())) {
            throw new InvalidRequest(
                    "status",
                    "a regulator sets ACTIVE, SUSPENDED or BLACKLISTED; "
                            + "winding down goes through POST /v1/institutions/{id}/wind-down");
        }
        return commands.inTransaction(() -> {
            get(institutionId, caller);
            commands.send(
                    new ChangeInstitutionStatus(institutionId, request.status(), request.reason(), clock.instant()),
                    caller);
            return get(institutionId, caller);
        });
    }

    InstitutionResponse get(String institutionId, Caller caller) {
        if (!caller.canSee(institutionId, Role.REGULATOR)) {
            throw new Forbidden("an institution sees only its own data");
        }
        return directory.find(institutionId).orElseThrow(() -> new NotFound("institution " + institutionId));
    }
}
