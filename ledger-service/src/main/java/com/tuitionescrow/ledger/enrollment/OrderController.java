package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.enrollment.OrderPlacedResponse;
import com.tuitionescrow.ledger.api.enrollment.OrderResponse;
import com.tuitionescrow.ledger.api.enrollment.PlaceOrderRequest;
import com.tuitionescrow.ledger.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/orders")
@Tag(name = "Orders", description = "Course sales (售课) under the caps (PLATFORM)")
class OrderController {

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping
    @Operation(
            summary = "Sell a course (PLATFORM); caps checked atomically; orderId is the idempotency key",
            description =
                    "Refusals (422): CAP_AMOUNT, CAP_HOURS, CAP_TERM, ADVANCE_TOO_EARLY, INSTITUTION_NOT_ACTIVE, INSTITUTION_UNKNOWN")
    @ResponseStatus(HttpStatus.CREATED)
    OrderPlacedResponse place(@Valid @RequestBody PlaceOrderRequest request, Caller caller) {
        return orders.place(request, caller);
    }

    @GetMapping("/{orderId}")
    @Operation(summary = "Read an order with its lessons (PLATFORM, REGULATOR, or the order's INSTITUTION)")
    OrderResponse get(@PathVariable String orderId, Caller caller) {
        return orders.get(orderId, caller);
    }

    @PostMapping("/{orderId}/cancel")
    @Operation(summary = "Cancel an unpaid order (PLATFORM); refused with ORDER_NOT_CANCELLABLE once paid")
    OrderResponse cancel(@PathVariable String orderId, Caller caller) {
        return orders.cancel(orderId, caller);
    }
}
