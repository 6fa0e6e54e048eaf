package com.tuitionescrow.ledger.api.settlement;

import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import java.util.List;

/**
 * What a student has prepaid at one institution, order by order, with every class hour explained:
 * {@code hours} = {@code consumedHours} + {@code refundedHours} + {@code remainingHours}, and every fen:
 * {@code paidFen} = consumed + {@code refundedFen} + {@code unconsumedFen}. {@code refundPaidFen} is
 * the part of the refunds the bank has paid back; {@code refundingFen} what is still on its way. The
 * totals are the student's; the orders come a page at a time, oldest first: {@code next} is the
 * {@code afterOrderId} of the following page, or null on the last.
 */
public record StudentStatementResponse(
        String studentId,
        String institutionId,
        long prepaidFen,
        long refundingFen,
        List<OrderLine> orders,
        String next) {
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
            int confirmedHours,
            int refundedHours,
            int remainingHours,
            long refundedFen,
            long refundPaidFen,
            long unconsumedFen) {}
}
