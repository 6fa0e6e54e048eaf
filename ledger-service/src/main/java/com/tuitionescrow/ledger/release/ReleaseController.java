package com.tuitionescrow.ledger.release;

import com.tuitionescrow.ledger.api.institution.WindDownRequest;
import com.tuitionescrow.ledger.api.institution.WindDownResponse;
import com.tuitionescrow.ledger.api.instruction.DisbursementRunRequest;
import com.tuitionescrow.ledger.api.instruction.DisbursementRunResponse;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Release", description = "序时拨付 and 机构关停: money out of custody, lesson by lesson, or back to the parents")
class ReleaseController {

    private final DisbursementRun run;
    private final WindDownService windDown;
    private final Clock clock;

    ReleaseController(DisbursementRun run, WindDownService windDown, Clock clock) {
        this.run = run;
        this.windDown = windDown;
        this.clock = clock;
    }

    @PostMapping("/v1/disbursements/run")
    @Operation(summary = "Run the release now (REGULATOR or PLATFORM); it also runs on a schedule",
            description = "Confirms lessons and approves refunds whose windows closed by asOf, releases confirmed, "
                    + "undisputed consumption into DISBURSEMENT instructions per institution, and instructs the return "
                    + "of suspense money.")
    DisbursementRunResponse run(@Valid @RequestBody(required = false) DisbursementRunRequest request, Caller caller) {
        Instant now = clock.instant();
        Instant asOf = request == null || request.asOf() == null ? now : request.asOf().toInstant();
        if (asOf.isAfter(now)) {
            throw new InvalidRequest("asOf", "a run judges the windows as of now or earlier, never later");
        }
        return run.run(asOf, caller);
    }

    @PostMapping("/v1/institutions/{institutionId}/wind-down")
    @Operation(summary = "Wind an institution down (REGULATOR): releases freeze, unconsumed fees are refunded",
            description = "Reports the shortfall against the custody account and the risk reserve.")
    WindDownResponse windDown(@PathVariable String institutionId, @Valid @RequestBody WindDownRequest request,
                              Caller caller) {
        return windDown.windDown(institutionId, request, caller);
    }
}
