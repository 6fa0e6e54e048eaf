package com.tuitionescrow.ledger.audit;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.api.audit.InstitutionOverview;
import com.tuitionescrow.ledger.api.audit.InstitutionRanking;
import com.tuitionescrow.ledger.api.audit.InstitutionSort;
import com.tuitionescrow.ledger.api.audit.TrialBalanceResponse;
import com.tuitionescrow.ledger.api.audit.ViolationView;
import com.tuitionescrow.ledger.api.common.Ids;
import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.settlement.LedgerQueries;
import com.tuitionescrow.ledger.shared.LedgerTime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/audit")
@Tag(name = "Audit", description = "The whole ledger, for regulators (REGULATOR)")
class AuditController {

    private final LedgerQueries ledger;
    private final AuditQueries audit;
    private final Clock clock;

    AuditController(LedgerQueries ledger, AuditQueries audit, Clock clock) {
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/trial-balance")
    @Operation(summary = "Debits and credits of every control account (type × institution); balanced when they agree")
    TrialBalanceResponse trialBalance(@RequestParam(required = false) OffsetDateTime asOf) {
        List<TrialBalanceResponse.Line> lines = ledger.controlAccounts(asOf == null ? null : asOf.toInstant()).stream()
                .map(c -> new TrialBalanceResponse.Line(
                        AccountCode.controlCode(c.type(), c.institutionId()),
                        c.totals().debitFen(),
                        c.totals().creditFen(),
                        c.type()
                                .normalSide()
                                .balance(c.totals().debitFen(), c.totals().creditFen())))
                .toList();
        long debits =
                lines.stream().mapToLong(TrialBalanceResponse.Line::debitFen).reduce(0, Fen::plus);
        long credits =
                lines.stream().mapToLong(TrialBalanceResponse.Line::creditFen).reduce(0, Fen::plus);
        return new TrialBalanceResponse(
                asOf != null ? asOf : LedgerTime.offsetOf(clock.instant()), lines, debits, credits, debits == credits);
    }

    @GetMapping("/violations")
    @Operation(summary = "Lessons that broke a lesson-time rule, by start time; page with afterId, the last lessonId")
    Page<ViolationView> violations(
            @RequestParam(required = false) @Pattern(regexp = Ids.CREDIT_CODE) String institutionId,
            @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to,
            @RequestParam(required = false) @Pattern(regexp = Ids.CLIENT_ID) String afterId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        List<ViolationView> items = audit.violations(
                institutionId,
                from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(),
                afterId,
                limit);
        return new Page<>(
                items, items.size() == limit ? items.get(items.size() - 1).lessonId() : null);
    }

    @GetMapping("/institutions")
    @Operation(summary = "Every institution at a glance: standing, custody against unconsumed fees, violations")
    Page<InstitutionOverview> institutions(
            @RequestParam(required = false) @Pattern(regexp = Ids.CREDIT_CODE) String afterId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        List<InstitutionOverview> items = audit.institutions(afterId, limit);
        return new Page<>(
                items, items.size() == limit ? items.get(items.size() - 1).institutionId() : null);
    }

    @GetMapping("/institutions/ranking")
    @Operation(
            summary = "Institutions the riskiest first (or by another figure), filtered, a page at a time",
            description = "With how many match the filter and their totals. q matches a name or a credit code"
                    + " anywhere, whatever the case; riskyOnly leaves out those whose risk is 0; ties go by"
                    + " institution id. Page with offset, the previous page's next.")
    InstitutionRanking ranking(
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(required = false) InstitutionStatus status,
            @RequestParam(defaultValue = "false") boolean riskyOnly,
            @RequestParam(defaultValue = "RISK") InstitutionSort sort,
            @RequestParam(defaultValue = "true") boolean descending,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return InstitutionRisk.rank(
                audit.everyInstitution(),
                new InstitutionRisk.Query(q, status, riskyOnly, sort, descending, offset, limit));
    }
}
