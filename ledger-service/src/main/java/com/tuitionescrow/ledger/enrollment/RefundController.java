package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.refund.RefundDecisionRequest;
import com.tuitionescrow.ledger.api.refund.RefundRequest;
import com.tuitionescrow.ledger.api.refund.RefundResolutionRequest;
import com.tuitionescrow.ledger.api.refund.RefundResponse;
import com.tuitionescrow.ledger.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
        name = "Refunds",
        description = "退费: PLATFORM requests, INSTITUTION answers, REGULATOR resolves, the bank pays back")
class RefundController {

    private final RefundService refunds;

    RefundController(RefundService refunds) {
        this.refunds = refunds;
    }

    @PostMapping("/v1/orders/{orderId}/refunds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Request a refund of the unconsumed part (PLATFORM); refundId is the idempotency key",
            description =
                    "Amount = paid − consumed hours × price − already refunded. Until answered, lessons on the order "
                            + "are refused (REFUND_PENDING) and its release is frozen. Unanswered by answerBy (the refund window, "
                            + "in working days), it is approved. Refusals (422): ORDER_NOT_PAID, REFUND_PENDING, NOTHING_TO_REFUND.")
    RefundResponse request(@PathVariable String orderId, @Valid @RequestBody RefundRequest request, Caller caller) {
        return refunds.request(orderId, request, caller);
    }

    @PostMapping("/v1/refunds/{refundId}/decision")
    @Operation(
            summary = "Approve or contest a refund (the order's INSTITUTION); approval instructs the bank",
            description = "A contest states its reason. Refusal (422): REFUND_ALREADY_ANSWERED.")
    RefundResponse decide(
            @PathVariable String refundId, @Valid @RequestBody RefundDecisionRequest decision, Caller caller) {
        return refunds.decide(refundId, decision, caller);
    }

    @PostMapping("/v1/refunds/{refundId}/resolution")
    @Operation(summary = "Rule on a contested refund (REGULATOR)", description = "Refusal (422): REFUND_NOT_CONTESTED.")
    RefundResponse resolve(
            @PathVariable String refundId, @Valid @RequestBody RefundResolutionRequest resolution, Caller caller) {
        return refunds.resolve(refundId, resolution, caller);
    }

    @GetMapping("/v1/refunds/{refundId}")
    @Operation(summary = "Read a refund (PLATFORM, REGULATOR, or the order's INSTITUTION)")
    RefundResponse get(@PathVariable String refundId, Caller caller) {
        return refunds.read(refundId, caller);
    }
}
