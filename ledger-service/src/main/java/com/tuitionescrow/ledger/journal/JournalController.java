package com.tuitionescrow.ledger.journal;

import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import com.tuitionescrow.ledger.api.audit.VerificationResponse;
import com.tuitionescrow.ledger.api.common.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The hash-chained journal and its verification, for regulators (REGULATOR). */
@RestController
@RequestMapping("/v1/audit")
@Tag(name = "Audit", description = "The whole ledger, for regulators (REGULATOR)")
class JournalController {

    private final JournalQueries journal;
    private final JournalVerification verification;

    JournalController(JournalQueries journal, JournalVerification verification) {
        this.journal = journal;
        this.verification = verification;
    }

    @GetMapping("/journal")
    @Operation(summary = "The journal in seq order, paged by afterSeq; each entry is hash-chained to the one before")
    Page<JournalEntryView> journal(@RequestParam(defaultValue = "0") @Min(0) long afterSeq,
                                   @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        List<JournalEntryView> entries = journal.page(afterSeq, limit);
        String next = entries.size() == limit ? String.valueOf(entries.get(entries.size() - 1).seq()) : null;
        return new Page<>(entries, next);
    }

    @GetMapping("/verification")
    @Operation(summary = "Check the whole journal: hash chain, balance, replayed balances, coverage",
            description = "Reads every entry from the first: as long as the journal is large, so call it as an audit, "
                    + "not on every page view.")
    VerificationResponse verification() {
        return verification.verify();
    }
}
