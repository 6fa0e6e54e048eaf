package com.tuitionescrow.ledger.instruction;

import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.instruction.InstructionResultRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.api.instruction.InstructionView;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.BankChannel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@BankChannel
@RequestMapping("/v1/bank/instructions")
@Tag(
        name = "Instructions",
        description = "Two-phase instructions to the custody BANK: disbursements, refunds, suspense returns")
class InstructionController {

    private final InstructionService instructions;

    InstructionController(InstructionService instructions) {
        this.instructions = instructions;
    }

    @GetMapping
    @Operation(summary = "List instructions oldest first (BANK); page with afterId, the last instructionId of the page")
    Page<InstructionView> list(
            @RequestParam(required = false) InstructionStatus status,
            @RequestParam(required = false) @Size(max = 80) String afterId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return instructions.page(status, afterId, limit);
    }

    @PostMapping("/{instructionId}/result")
    @Operation(
            summary = "Answer an instruction (BANK): EXECUTED takes the money out of custody, FAILED returns it",
            description = "The same answer again returns the first result; another answer to an answered "
                    + "instruction is 409 IDEMPOTENCY_CONFLICT.")
    InstructionView answer(
            @PathVariable String instructionId, @Valid @RequestBody InstructionResultRequest result, Caller caller) {
        return instructions.answer(instructionId, result, caller);
    }
}
