package com.tuitionescrow.ledger.journal;

import com.tuitionescrow.ledger.api.audit.CheckpointKeyView;
import com.tuitionescrow.ledger.api.audit.CheckpointView;
import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import com.tuitionescrow.ledger.api.audit.VerificationResponse;
import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import com.tuitionescrow.ledger.platform.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The hash-chained journal, its export, its checkpoints and its verification, for regulators (REGULATOR). */
@RestController
@RequestMapping("/v1/audit")
@Tag(name = "Audit", description = "The whole ledger, for regulators (REGULATOR)")
class JournalController {

    static final String NDJSON = "application/x-ndjson";

    private final JournalQueries journal;
    private final JournalExport export;
    private final JournalVerification verification;
    private final JournalCheckpoints checkpoints;
    private final CheckpointKey key;

    JournalController(
            JournalQueries journal,
            JournalExport export,
            JournalVerification verification,
            JournalCheckpoints checkpoints,
            CheckpointKey key) {
        this.journal = journal;
        this.export = export;
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.key = key;
    }

    @GetMapping(value = "/journal", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The journal in seq order, paged by afterSeq; each entry is hash-chained to the one before")
    Page<JournalEntryView> journal(
            @RequestParam(defaultValue = "0") @Min(0) long afterSeq,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        List<JournalEntryView> entries = journal.page(afterSeq, limit);
        String next = entries.size() == limit
                ? String.valueOf(entries.get(entries.size() - 1).seq())
                : null;
        return new Page<>(entries, next);
    }

    @GetMapping(value = "/journal", produces = NDJSON)
    @Operation(
            summary = "The whole journal (or the entries after afterSeq, up to toSeq) as one entry per line",
            description = "Streamed from one database snapshot in constant memory, whatever the journal's size. "
                    + "Each line is a JournalEntryView; the chain runs from line to line. Check it offline with the "
                    + "verifier in ledger-api (README, \"Audit\").")
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam(defaultValue = "0") @Min(0) long afterSeq,
            @RequestParam(required = false) @Min(1) Long toSeq) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(NDJSON))
                .body(out -> export.write(afterSeq, toSeq == null ? Long.MAX_VALUE : toSeq, out));
    }

    @GetMapping("/verification")
    @Operation(
            summary =
                    "Check the whole journal: chain, balance, replayed balances, the event store, the head, checkpoints",
            description =
                    "Reads every entry and every event from the first: as long as the journal is large, so call it "
                            + "as an audit, not on every page view. checkpointSeq and checkpointHash (both or neither) name a "
                            + "checkpoint the caller kept; givenCheckpointHolds says whether the journal still holds it.")
    VerificationResponse verification(
            @RequestParam(required = false) @Min(1) Long checkpointSeq,
            @RequestParam(required = false) @Pattern(regexp = "[0-9a-fA-F]{64}") String checkpointHash) {
        if ((checkpointSeq == null) != (checkpointHash == null)) {
            throw new InvalidRequest("checkpointHash", "checkpointSeq and checkpointHash go together");
        }
        return verification.verify(
                checkpointSeq == null ? null : new JournalVerification.KeptCheckpoint(checkpointSeq, checkpointHash));
    }

    @GetMapping("/checkpoints")
    @Operation(summary = "The journal's head as published at intervals, each signed (Ed25519), in seq order")
    Page<CheckpointView> checkpoints(
            @RequestParam(defaultValue = "0") @Min(0) long afterSeq,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        List<CheckpointView> page = checkpoints.page(afterSeq, limit);
        String next =
                page.size() == limit ? String.valueOf(page.get(page.size() - 1).seq()) : null;
        return new Page<>(page, next);
    }

    @PostMapping("/checkpoints")
    @Operation(
            summary = "Publish the journal's head now (it is also published every ledger.audit.checkpoint-interval)",
            description = "Answers the checkpoint of the current head (the one already published if the head has not "
                    + "moved); 404 while the journal is empty.")
    CheckpointView publish() {
        return checkpoints.publish().orElseThrow(() -> new NotFound("a checkpoint: the journal is empty"));
    }

    @GetMapping("/checkpoint-key")
    @Operation(summary = "The Ed25519 public key that signs the checkpoints")
    CheckpointKeyView checkpointKey() {
        return key.view();
    }
}
