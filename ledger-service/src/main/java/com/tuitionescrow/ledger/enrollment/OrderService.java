package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.enrollment.Course;
import com.tuitionescrow.ledger.api.enrollment.OrderPlacedResponse;
import com.tuitionescrow.ledger.api.enrollment.OrderResponse;
import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import com.tuitionescrow.ledger.api.enrollment.PlaceOrderRequest;
import com.tuitionescrow.ledger.api.institution.InstitutionResponse;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.CancelOrder;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.PlaceOrder;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderPlaced;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.command.IdempotencyKey;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.security.Role;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import com.tuitionescrow.ledger.platform.web.NotFound;
import com.tuitionescrow.ledger.shared.LedgerTime;
import com.tuitionescrow.ledger.shared.Refusal;
import java.time.Clock;
import org.springframework.stereotype.Service;

@Service
class OrderService {

    private final CommandTransactions commands;
    private final OrderQueries orders;
    private final InstitutionDirectory institutions;
    private final WindowSweep windows;
    private final Clock clock;

    OrderService(
            CommandTransactions commands,
            OrderQueries orders,
            InstitutionDirectory institutions,
            WindowSweep windows,
            Clock clock) {
        this.commands = commands;
        this.orders = orders;
        this.institutions = institutions;
        this.windows = windows;
        this.clock = clock;
    }

    OrderPlacedResponse place(PlaceOrderRequest request, Caller caller) {
        Course course = request.course();
        if (course.endDate().isBefore(course.startDate())) {
            throw new InvalidRequest("course.endDate", "the course ends before it starts");
        }
        long amountFen;
        try {
            amountFen = Fen.times(course.pricePerHourFen(), course.hours());
        } catch (ArithmeticException overflow) {
            throw new InvalidRequest("course.pricePerHourFen", "price times hours does not fit in a fen amount");
        }
        return commands.once(new IdempotencyKey("ORDER", request.orderId()), request, OrderPlacedResponse.class, () -> {
            InstitutionResponse institution = institutions
                    .findHeld(request.institutionId())
                    .orElseThrow(() -> new Refusal(
                            ProblemCode.INSTITUTION_UNKNOWN,
                            "no institution " + request.institutionId() + " is registered"));
            OrderPlaced placed = commands.send(
                    new PlaceOrder(
                            PrepaidAccount.idOf(request.institutionId(), request.studentId()),
                            request.orderId(),
                            request.institutionId(),
                            request.studentId(),
                            request.contractNo(),
                            course.courseId(),
                            course.subject(),
                            course.mode(),
                            course.pricePerHourFen(),
                            course.hours(),
                            course.startDate(),
                            course.endDate(),
                            amountFen,
                            institution.status(),
                            clock.instant()),
                    caller);
            return new OrderPlacedResponse(
                    placed.orderId(),
                    placed.amountFen(),
                    OrderStatus.AWAITING_PAYMENT,
                    LedgerTime.offsetOf(placed.payBy()));
        });
    }

    OrderResponse get(String orderId, Caller caller) {
        windows.closeBeforeReading(orderId);
        return orders.find(orderId)
                .filter(order -> caller.canSee(order.institutionId(), Role.PLATFORM, Role.REGULATOR))
                .orElseThrow(() -> new NotFound("order " + orderId));
    }

    OrderResponse cancel(String orderId, Caller caller) {
        return commands.inTransaction(() -> {
            OrderQueries.OrderLocation order =
                    orders.locate(orderId).orElseThrow(() -> new NotFound("order " + orderId));
            commands.send(new CancelOrder(order.accountId(), orderId, clock.instant()), caller);
            return get(orderId, caller);
        });
    }
}
