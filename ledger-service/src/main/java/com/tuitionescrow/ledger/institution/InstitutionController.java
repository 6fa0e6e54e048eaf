package com.tuitionescrow.ledger.institution;

import com.tuitionescrow.ledger.api.institution.ChangeStatusRequest;
import com.tuitionescrow.ledger.api.institution.InstitutionResponse;
import com.tuitionescrow.ledger.api.institution.RegisterInstitutionRequest;
import com.tuitionescrow.ledger.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/institutions")
@Tag(name = "Institutions", description = "Registration and standing of training institutions (REGULATOR)")
class InstitutionController {

    private final InstitutionService institutions;

    InstitutionController(InstitutionService institutions) {
        this.institutions = institutions;
    }

    @PostMapping
    @Operation(summary = "Register an institution (REGULATOR); institutionId is the idempotency key")
    @ResponseStatus(HttpStatus.CREATED)
    InstitutionResponse register(@Valid @RequestBody RegisterInstitutionRequest request, Caller caller) {
        return institutions.register(request, caller);
    }

    @GetMapping("/{institutionId}")
    @Operation(summary = "Read an institution (REGULATOR, or that INSTITUTION)")
    InstitutionResponse get(@PathVariable String institutionId, Caller caller) {
        return institutions.get(institutionId, caller);
    }

    @PostMapping("/{institutionId}/status")
    @Operation(
            summary =
                    "Set ACTIVE, SUSPENDED or BLACKLISTED (REGULATOR); only ACTIVE institutions sell or report lessons")
    InstitutionResponse changeStatus(
            @PathVariable String institutionId, @Valid @RequestBody ChangeStatusRequest request, Caller caller) {
        return institutions.changeStatus(institutionId, request, caller);
    }
}
