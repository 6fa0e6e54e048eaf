package com.tuitionescrow.ledger.journal;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import com.tuitionescrow.ledger.api.common.Ids;
import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Journal entries found by institution, account, order, type and time, for regulators (REGULATOR). */
@RestController
@Tag(name = "Audit", description = "The whole ledger, for regulators (REGULATOR)")
class JournalSearchController {

    /** Entry types are the names of the events that carry postings. */
    private static final String ENTRY_TYPE = "^[A-Za-z]{1,64}$";

    private final JournalQueries journal;

    JournalSearchController(JournalQueries journal) {
        this.journal = journal;
    }

    @GetMapping("/v1/audit/journal/search")
    @Operation(
            summary = "Journal entries that match every criterion given, in seq order, paged by afterSeq",
            description = "An entry is an institution's or an account's when one of its postings is; from and to bound "
                    + "when it happened (occurredAt), to exclusive.")
    Page<JournalEntryView> search(
            @RequestParam(required = false) @Pattern(regexp = Ids.CREDIT_CODE) String institutionId,
            @Parameter(description = "TYPE:institutionId, or TYPE:institutionId:studentId")
                    @RequestParam(required = false)
                    String accountCode,
            @RequestParam(required = false) @Pattern(regexp = Ids.CLIENT_ID) String orderId,
            @Parameter(description = "the entry's type, e.g. CollectionApplied")
                    @RequestParam(required = false)
                    @Pattern(regexp = ENTRY_TYPE)
                    String type,
            @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to,
            @RequestParam(defaultValue = "0") @Min(0) long afterSeq,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidRequest("to", "the period ends after it starts");
        }
        JournalFilter filter = new JournalFilter(
                institutionId,
                accountCode == null ? null : parse(accountCode),
                orderId,
                type,
                from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant());
        List<JournalEntryView> entries = journal.search(filter, afterSeq, limit);
        return new Page<>(
                entries,
                entries.size() == limit
                        ? String.valueOf(entries.get(entries.size() - 1).seq())
                        : null);
    }

    /** The account code as the journal spells it, or 400 when it names no account. */
    private static String parse(String accountCode) {
        try {
            return AccountCode.parse(accountCode).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("accountCode", e.getMessage());
        }
    }
}
