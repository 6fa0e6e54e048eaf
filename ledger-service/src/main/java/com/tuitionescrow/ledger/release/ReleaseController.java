package com.tuitionescrow.ledger.release;

import com.tuitionescrow.ledger.api.common.Ids;
import com.tuitionescrow.ledger.api.common.OperationState;
import com.tuitionescrow.ledger.api.institution.WindDownRequest;
import com.tuitionescrow.ledger.api.institution.WindDownResponse;
import com.tuitionescrow.ledger.api.instruction.DisbursementRunRequest;
import com.tuitionescrow.ledger.api.instruction.DisbursementRunResponse;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import com.tuitionescrow.ledger.platform.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The release run and a wind-down each work through many student accounts, in the background. The
 * request that starts one waits a while ({@code ledger.operations.answer-within}) and answers 200
 * with the outcome if it finished by then, else 202 with how it stands and where to ask again.
 */
@RestController
@Tag(name = "Release", description = "序时拨付 and 机构关停: money out of custody, lesson by lesson, or back to the parents")
class ReleaseController {

    /** The ids the ledger gives runs. */
    private static final String RUN_ID = "^release-run-[0-9a-f-]{36}$";

    private final DisbursementRun run;
    private final WindDownService windDown;
    private final Clock clock;
    private final Duration answerWithin;

    ReleaseController(
            DisbursementRun run,
            WindDownService windDown,
            Clock clock,
            @Value("${ledger.operations.answer-within}") Duration answerWithin) {
        this.run = run;
        this.windDown = windDown;
        this.clock = clock;
        this.answerWithin = answerWithin;
    }

    @PostMapping("/v1/disbursements/run")
    @Operation(
            summary = "Run the release now (REGULATOR or PLATFORM); it also runs on a schedule",
            description = "Confirms lessons and approves refunds whose windows closed by asOf, releases confirmed, "
                    + "undisputed consumption into DISBURSEMENT instructions per institution, and instructs the return "
                    + "of suspense money. One run at a time: while one is under way, this answers with that one. "
                    + "200 when the run finished within the wait, 202 while it still runs (ask GET "
                    + "/v1/disbursements/runs/{runId}, named by Location).")
    @ApiResponse(
            responseCode = "200",
            description = "The run finished: COMPLETED, or FAILED after doing what it reports")
    @ApiResponse(
            responseCode = "202",
            description = "The run is still RUNNING; Location names where to ask again",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = DisbursementRunResponse.class)))
    ResponseEntity<DisbursementRunResponse> run(
            @Valid @RequestBody(required = false) DisbursementRunRequest request, Caller caller) {
        Instant now = clock.instant();
        Instant asOf =
                request == null || request.asOf() == null ? now : request.asOf().toInstant();
        if (asOf.isAfter(now)) {
            throw new InvalidRequest("asOf", "a run judges the windows as of now or earlier, never later");
        }
        DisbursementRunResponse started = run.await(run.start(asOf, caller), answerWithin);
        return answer(started.state(), "/v1/disbursements/runs/" + started.runId(), started);
    }

    @GetMapping("/v1/disbursements/runs/{runId}")
    @Operation(summary = "How a release run stands (REGULATOR or PLATFORM)")
    DisbursementRunResponse runStatus(@PathVariable @Pattern(regexp = RUN_ID) String runId) {
        return run.find(runId).orElseThrow(() -> new NotFound("release run " + runId));
    }

    @PostMapping("/v1/institutions/{institutionId}/wind-down")
    @Operation(
            summary = "Wind an institution down (REGULATOR): releases freeze, unconsumed fees are refunded",
            description = "Freezes the institution at once, then instructs every student's refund. Reports the "
                    + "shortfall against the custody account and the risk reserve. 200 when every refund was "
                    + "instructed within the wait, 202 while they still run (ask GET "
                    + "/v1/institutions/{institutionId}/wind-down). Sent again, it finishes what is left.")
    @ApiResponse(
            responseCode = "200",
            description = "Every refund instructed (COMPLETED), or FAILED after those it reports")
    @ApiResponse(
            responseCode = "202",
            description = "The refunds are still RUNNING; Location names where to ask again",
            content =
                    @Content(mediaType = "application/json", schema = @Schema(implementation = WindDownResponse.class)))
    ResponseEntity<WindDownResponse> windDown(
            @PathVariable @Pattern(regexp = Ids.CREDIT_CODE) String institutionId,
            @Valid @RequestBody WindDownRequest request,
            Caller caller) {
        WindDownResponse started = windDown.await(windDown.start(institutionId, request, caller), answerWithin);
        return answer(started.state(), "/v1/institutions/" + institutionId + "/wind-down", started);
    }

    @GetMapping("/v1/institutions/{institutionId}/wind-down")
    @Operation(summary = "How an institution's latest wind-down stands (REGULATOR)")
    WindDownResponse windDownStatus(@PathVariable @Pattern(regexp = Ids.CREDIT_CODE) String institutionId) {
        return windDown.latest(institutionId);
    }

    private static <T> ResponseEntity<T> answer(OperationState state, String location, T body) {
        return state == OperationState.RUNNING
                ? ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create(location))
                        .body(body)
                : ResponseEntity.ok(body);
    }
}
