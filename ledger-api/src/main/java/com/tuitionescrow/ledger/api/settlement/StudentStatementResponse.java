package com.tuitionescrow.ledger.api.settlement;

import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import java.util.List;

/** What a student has prepaid at one institution, order by order, and what is left unconsumed. */
public record StudentStatementResponse(
        String studentId,
        String institutionId,
        long prepaidFen,
        long refundingFen,
        List<OrderLine> orders) {
    public StudentStatementResponse {
        orders = List.copyOf(orders);
    }

    public record OrderLine(
            String orderId,
            OrderStatus status,
            String subject,
            long amountFen,
            long paidFen,
            int hours,
            int consumedHours,
            int remainingHours,
            long unconsumedFen) {
    }
}
