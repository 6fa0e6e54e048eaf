package com.tuitionescrow.ledger.settlement;

import com.tuitionescrow.ledger.api.settlement.CustodyHistory;
import com.tuitionescrow.ledger.api.settlement.WeeklyActivity;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.security.Role;
import com.tuitionescrow.ledger.platform.web.Forbidden;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import com.tuitionescrow.ledger.platform.web.NotFound;
import com.tuitionescrow.ledger.shared.LedgerTime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An institution over time, for the charts of its page (REGULATOR, or that INSTITUTION). */
@RestController
@Tag(name = "Settlement", description = "Balances, statements and settlements, projected from the journal")
class InstitutionHistoryController {

    /** The longest custody history one call answers: a year, one point a day. */
    static final int MAX_DAYS = 366;

    static final int DEFAULT_DAYS = 90;
    static final int MAX_WEEKS = 53;

    private final InstitutionHistory history;
    private final InstitutionDirectory institutions;
    private final Clock clock;

    InstitutionHistoryController(InstitutionHistory history, InstitutionDirectory institutions, Clock clock) {
        this.history = history;
        this.institutions = institutions;
        this.clock = clock;
    }

    @GetMapping("/v1/institutions/{institutionId}/custody-history")
    @Operation(
            summary = "Custody cash day by day, by when the money moved (REGULATOR, or that INSTITUTION)",
            description = "Beijing dates; at most " + MAX_DAYS + " days. Without dates, the last " + DEFAULT_DAYS
                    + " days up to today.")
    CustodyHistory custodyHistory(
            @PathVariable String institutionId,
            @Parameter(description = "first day; " + DEFAULT_DAYS + " days before to if absent")
                    @RequestParam(required = false)
                    LocalDate from,
            @Parameter(description = "last day; today if absent") @RequestParam(required = false) LocalDate to,
            Caller caller) {
        requireKnownAndVisible(institutionId, caller);
        LocalDate last = to != null ? to : LedgerTime.dateOf(clock.instant());
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1L);
        if (first.isAfter(last)) {
            throw new InvalidRequest("from", "the period starts no later than it ends");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidRequest("from", "at most " + MAX_DAYS + " days at a time");
        }
        return history.custody(institutionId, first, last);
    }

    @GetMapping("/v1/institutions/{institutionId}/weekly-activity")
    @Operation(
            summary = "Lessons and disbursements week by week, up to this week (REGULATOR, or that INSTITUTION)",
            description =
                    "Weeks start on Monday, Beijing time; lessons count by when they started, disbursements by when "
                            + "they were instructed and when the bank executed them.")
    WeeklyActivity weeklyActivity(
            @PathVariable String institutionId,
            @RequestParam(defaultValue = "12") @Min(1) @Max(MAX_WEEKS) int weeks,
            Caller caller) {
        requireKnownAndVisible(institutionId, caller);
        return history.weekly(institutionId, LedgerTime.dateOf(clock.instant()), weeks);
    }

    /** Another institution's is forbidden before anything is looked up, so its existence is not revealed. */
    private void requireKnownAndVisible(String institutionId, Caller caller) {
        if (!caller.canSee(institutionId, Role.REGULATOR)) {
            throw new Forbidden("an institution sees only its own history");
        }
        if (institutions.find(institutionId).isEmpty()) {
            throw new NotFound("institution " + institutionId);
        }
    }
}
