package com.tuitionescrow.ledger.api.enrollment;

import java.time.OffsetDateTime;

public record OrderPlacedResponse(String orderId, long amountFen, OrderStatus status, OffsetDateTime payBy) {}
