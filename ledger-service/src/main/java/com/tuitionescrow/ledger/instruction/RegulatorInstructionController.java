package com.tuitionescrow.ledger.instruction;

import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.instruction.InstructionResolutionRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.api.instruction.InstructionView;
import com.tuitionescrow.ledger.platform.security.Caller;
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
@RequestMapping("/v1/instructions")
@Tag(
        name = "Undeliverable instructions",
        description = "Refunds and suspense returns the bank failed every attempt of, " + "resolved by a REGULATOR")
class RegulatorInstructionController {

    private final InstructionService instructions;

    RegulatorInstructionController(InstructionService instructions) {
        this.instructions = instructions;
    }

    @GetMapping
    @Operation(
            summary =
                    "List instructions in a status, oldest first (REGULATOR); status=UNDELIVERABLE is what waits for a resolution")
    Page<InstructionView> list(
            @RequestParam InstructionStatus status,
            @RequestParam(required = false) @Size(max = 120) String afterId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        return instructions.withStatus(status, afterId, limit);
    }

    @PostMapping("/{instructionId}/resolution")
    @Operation(
            summary = "Resolve an UNDELIVERABLE instruction (REGULATOR): its money goes to the bank again",
            description =
                    "A new instruction carries the money, to payeeRef when given, else to the original payee, "
                            + "with a full set of attempts; it names the undeliverable one as previousInstructionId and keeps the "
                            + "reason and the regulator. The same resolution again returns the first result; another is "
                            + "409 IDEMPOTENCY_CONFLICT; an instruction that is not UNDELIVERABLE is 422 INSTRUCTION_NOT_UNDELIVERABLE.")
    InstructionView resolve(
            @PathVariable String instructionId,
            @Valid @RequestBody InstructionResolutionRequest resolution,
            Caller caller) {
        return instructions.resolve(instructionId, resolution, caller);
    }
}
