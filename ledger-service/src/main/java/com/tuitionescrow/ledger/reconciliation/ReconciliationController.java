package com.tuitionescrow.ledger.reconciliation;

import com.tuitionescrow.ledger.api.common.Ids;
import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationSummary;
import com.tuitionescrow.ledger.api.reconciliation.StatementFormat;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.BankChannel;
import com.tuitionescrow.ledger.platform.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
        name = "Reconciliation",
        description =
                "Bank statements reconciled against the ledger: the BANK sends, " + "REGULATOR and INSTITUTION read")
class ReconciliationController {

    static final String TEXT_CSV = "text/csv";
    static final int MAX_PAGE = 100;
    /** The ids the ledger gives reports. */
    private static final String STATEMENT_ID = "^stmt-[0-9a-f-]{36}$";

    private final ReconciliationService reconciliations;

    ReconciliationController(ReconciliationService reconciliations) {
        this.reconciliations = reconciliations;
    }

    @BankChannel
    @PostMapping(
            path = "/v1/bank/statements",
            consumes = {MediaType.APPLICATION_XML_VALUE, TEXT_CSV})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Reconcile a statement of a custody account (BANK): ISO 20022 camt.053 or the bank CSV",
            description =
                    "application/xml is camt.053 (001.02 to 001.13); text/csv is the CSV of docs/api.md, UTF-8. "
                            + "Each statement (Stmt) of a file gets a report of its own: the answer is the first, and names "
                            + "the others in otherStatementsOfTheFile. An entry the ledger cannot match (a fee or interest "
                            + "with no reference, a reference in the bank's own format) is a finding of its report, with what "
                            + "identifies it. The same file sent again answers with the reports it had. A malformed or unsafe "
                            + "file (a DOCTYPE, external entities, amounts that are not whole fen, another currency, rows "
                            + "the ledger cannot read) is 400 VALIDATION_FAILED naming the line; more than "
                            + ReconciliationService.MAX_ENTRIES
                            + " entries is 413; a custody account no institution holds "
                            + "is 422 STATEMENT_ACCOUNT_UNKNOWN; any other Content-Type is 415. A refused file records nothing.")
    @ApiResponse(
            responseCode = "415",
            description = "Neither application/xml nor text/csv (UNSUPPORTED_MEDIA_TYPE)",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    ReconciliationReport receiveStatement(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            description = "The statement file, exactly as signed",
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_XML_VALUE,
                                        schema = @Schema(type = "string", description = "ISO 20022 camt.053 Document")),
                                @Content(
                                        mediaType = TEXT_CSV,
                                        schema =
                                                @Schema(
                                                        type = "string",
                                                        description = "Header row " + CsvStatementParser.HEADER
                                                                + ", then one row per line"))
                            })
                    @RequestBody
                    byte[] statement,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            Caller caller) {
        StatementFormat format = MediaType.APPLICATION_XML.includes(MediaType.parseMediaType(contentType))
                ? StatementFormat.CAMT_053
                : StatementFormat.CSV;
        return reconciliations.receive(format, statement, caller);
    }

    @GetMapping("/v1/reconciliations")
    @Operation(
            summary = "Reconciliation reports in the order the statements arrived (REGULATOR, or that INSTITUTION)",
            description = "An INSTITUTION reads its own (institutionId defaults to it; another's is 403); a REGULATOR "
                    + "reads every institution's, or one's. Paged by afterId, the statementId of the last report read.")
    Page<ReconciliationSummary> reconciliations(
            @RequestParam(required = false) @Pattern(regexp = Ids.CREDIT_CODE) String institutionId,
            @RequestParam(required = false) @Pattern(regexp = STATEMENT_ID) String afterId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE) int limit,
            Caller caller) {
        return reconciliations.list(institutionId, afterId, limit, caller);
    }

    @GetMapping("/v1/reconciliations/{statementId}")
    @Operation(summary = "One reconciliation report with its findings (REGULATOR, or that INSTITUTION)")
    ReconciliationReport reconciliation(
            @PathVariable @Pattern(regexp = STATEMENT_ID) String statementId, Caller caller) {
        return reconciliations.get(statementId, caller);
    }

    @ExceptionHandler(MalformedStatement.class)
    ResponseEntity<ProblemDetail> malformed(MalformedStatement e) {
        return Problems.response(
                Problems.invalid(e.getMessage(), List.of(Map.of("field", e.location(), "message", e.reason()))));
    }

    @ExceptionHandler(StatementTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(StatementTooLarge e) {
        return Problems.response(
                Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE, e.getMessage()));
    }
}
