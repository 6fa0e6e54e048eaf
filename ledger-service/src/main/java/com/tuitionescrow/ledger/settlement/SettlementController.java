package com.tuitionescrow.ledger.settlement;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.api.common.Ids;
import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.settlement.AccountBalanceResponse;
import com.tuitionescrow.ledger.api.settlement.AccountEntryView;
import com.tuitionescrow.ledger.api.settlement.SettlementResponse;
import com.tuitionescrow.ledger.api.settlement.StudentStatementResponse;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Settlement", description = "Balances, statements and settlements, projected from the journal")
class SettlementController {

    private final SettlementService settlements;

    SettlementController(SettlementService settlements) {
        this.settlements = settlements;
    }

    @GetMapping("/v1/institutions/{institutionId}/settlement")
    @Operation(summary = "Where an institution's money stands (REGULATOR, or that INSTITUTION)")
    SettlementResponse settlement(
            @PathVariable String institutionId,
            @Parameter(description = "as recorded at this moment; now if absent") @RequestParam(required = false)
                    OffsetDateTime asOf,
            Caller caller) {
        return settlements.settlement(institutionId, asOf == null ? null : asOf.toInstant(), caller);
    }

    @GetMapping("/v1/students/{studentId}/statement")
    @Operation(
            summary = "A student's prepaid balance at one institution and its orders, a page at a time, oldest first "
                    + "(PLATFORM, REGULATOR)")
    StudentStatementResponse statement(
            @PathVariable @Pattern(regexp = Ids.CLIENT_ID) String studentId,
            @RequestParam @Pattern(regexp = Ids.CREDIT_CODE) String institutionId,
            @Parameter(description = "the next of the page before; absent for the first")
                    @RequestParam(required = false)
                    @Pattern(regexp = Ids.CLIENT_ID)
                    String afterOrderId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return settlements.statement(studentId, institutionId, afterOrderId, limit);
    }

    @GetMapping("/v1/accounts/{accountCode}")
    @Operation(
            summary = "An account's totals (REGULATOR, or the account's INSTITUTION)",
            description = "accountCode is TYPE:institutionId, or TYPE:institutionId:studentId for student sub-ledgers")
    AccountBalanceResponse account(
            @PathVariable String accountCode, @RequestParam(required = false) OffsetDateTime asOf, Caller caller) {
        return settlements.account(parse(accountCode), asOf == null ? null : asOf.toInstant(), caller);
    }

    @GetMapping("/v1/accounts/{accountCode}/entries")
    @Operation(summary = "An account's entries with the running balance, oldest first, paged by afterSeq")
    Page<AccountEntryView> entries(
            @PathVariable String accountCode,
            @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to,
            @RequestParam(defaultValue = "0") @Min(0) long afterSeq,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            Caller caller) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidRequest("to", "the period ends after it starts");
        }
        return settlements.entries(
                parse(accountCode),
                from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(),
                afterSeq,
                limit,
                caller);
    }

    private static AccountCode parse(String accountCode) {
        try {
            return AccountCode.parse(accountCode);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("accountCode", e.getMessage());
        }
    }
}
