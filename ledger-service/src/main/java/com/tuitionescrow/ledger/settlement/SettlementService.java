package com.tuitionescrow.ledger.settlement;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.enrollment.OrderResponse;
import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import com.tuitionescrow.ledger.api.settlement.AccountBalanceResponse;
import com.tuitionescrow.ledger.api.settlement.AccountEntryView;
import com.tuitionescrow.ledger.api.settlement.SettlementResponse;
import com.tuitionescrow.ledger.api.settlement.StudentStatementResponse;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundExecuted;
import com.tuitionescrow.ledger.enrollment.OrderQueries;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementExecuted;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.security.Role;
import com.tuitionescrow.ledger.platform.web.Forbidden;
import com.tuitionescrow.ledger.platform.web.NotFound;
import com.tuitionescrow.ledger.settlement.LedgerQueries.Totals;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What institutions' accountants and parents' platform read: settlements, account statements and
 * a student's statement. The ledger side of these is projected asynchronously, a moment behind the
 * command that caused it.
 */
@Service
class SettlementService {

    private final LedgerQueries ledger;
    private final InstitutionDirectory institutions;
    private final OrderQueries orders;
    private final Clock clock;

    SettlementService(LedgerQueries ledger, InstitutionDirectory institutions, OrderQueries orders, Clock clock) {
        this.ledger = ledger;
        this.institutions = institutions;
        this.orders = orders;
        this.clock = clock;
    }

    SettlementResponse settlement(String institutionId, Instant asOf, Caller caller) {
        requireVisible(institutionId, caller);
        if (institutions.find(institutionId).isEmpty()) {
            throw new NotFound("institution " + institutionId);
        }
        Map<AccountType, Totals> byType = ledger.institution(institutionId, asOf);
        long liabilities = 0;
        for (AccountType type : AccountType.values()) {
            if (!type.isAsset()) {
                liabilities = Fen.plus(liabilities, balance(byType, type));
            }
        }
        long custody = balance(byType, AccountType.CUSTODY_CASH);
        Map<String, Long> outflows = ledger.custodyOutflows(institutionId, asOf);
        return new SettlementResponse(
                institutionId,
                LedgerTime.offsetOf(asOf == null ? clock.instant() : asOf),
                custody,
                balance(byType, AccountType.STUDENT_PREPAID),
                balance(byType, AccountType.AWAITING_CONFIRMATION),
                balance(byType, AccountType.RELEASABLE),
                balance(byType, AccountType.HELD_BACK),
                balance(byType, AccountType.DISBURSEMENT_IN_TRANSIT),
                balance(byType, AccountType.REFUND_IN_TRANSIT),
                balance(byType, AccountType.SUSPENSE),
                balance(byType, AccountType.RETURN_IN_TRANSIT),
                liabilities,
                custody >= liabilities,
                outflows.getOrDefault(DisbursementExecuted.class.getSimpleName(), 0L),
                outflows.getOrDefault(RefundExecuted.class.getSimpleName(), 0L));
    }

    AccountBalanceResponse account(AccountCode account, Instant asOf, Caller caller) {
        requireVisible(account.institutionId(), caller);
        Totals totals = ledger.account(account, asOf).orElseThrow(() -> new NotFound("account " + account));
        return new AccountBalanceResponse(
                account.toString(),
                apiType(account.type()),
                account.institutionId(),
                account.studentId(),
                LedgerTime.offsetOf(asOf == null ? clock.instant() : asOf),
                totals.debitFen(),
                totals.creditFen(),
                account.normalSide().balance(totals.debitFen(), totals.creditFen()));
    }

    Page<AccountEntryView> entries(
            AccountCode account, Instant from, Instant to, long afterSeq, int limit, Caller caller) {
        requireVisible(account.institutionId(), caller);
        List<LedgerQueries.EntryLine> lines = ledger.entries(account, from, to, afterSeq, limit);
        if (lines.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        Totals running = ledger.totalsBefore(account, lines.get(0).seq());
        List<AccountEntryView> items = new ArrayList<>(lines.size());
        for (LedgerQueries.EntryLine line : lines) {
            running = running.plus(line.totals());
            items.add(new AccountEntryView(
                    line.seq(),
                    line.entryId(),
                    line.type(),
                    line.orderId(),
                    LedgerTime.offsetOf(line.occurredAt()),
                    LedgerTime.offsetOf(line.recordedAt()),
                    line.totals().debitFen(),
                    line.totals().creditFen(),
                    account.normalSide().balance(running.debitFen(), running.creditFen())));
        }
        String next = lines.size() == limit
                ? String.valueOf(lines.get(lines.size() - 1).seq())
                : null;
        return new Page<>(items, next);
    }

    StudentStatementResponse statement(String studentId, String institutionId, String afterOrderId, int limit) {
        List<OrderResponse> studentOrders = orders.ordersOf(institutionId, studentId, afterOrderId, limit);
        if (studentOrders.isEmpty() && (afterOrderId == null || !orders.hasOrders(institutionId, studentId))) {
            throw new NotFound("student " + studentId + " at institution " + institutionId);
        }
        long prepaid = currentBalance(AccountCode.ofStudent(AccountType.STUDENT_PREPAID, institutionId, studentId));
        long refunding = currentBalance(AccountCode.ofStudent(AccountType.REFUND_IN_TRANSIT, institutionId, studentId));
        List<StudentStatementResponse.OrderLine> lines = studentOrders.stream()
                .map(o -> new StudentStatementResponse.OrderLine(
                        o.orderId(),
                        o.status(),
                        o.course().subject(),
                        o.amountFen(),
                        o.paidFen(),
                        o.hours(),
                        o.consumedHours(),
                        o.confirmedHours(),
                        o.refundedHours(),
                        o.remainingHours(),
                        o.refundedFen(),
                        o.refundPaidFen(),
                        o.status() == OrderStatus.PAID
                                ? Fen.times(o.course().pricePerHourFen(), o.remainingHours())
                                : 0))
                .toList();
        String next =
                studentOrders.size() == limit ? studentOrders.get(limit - 1).orderId() : null;
        return new StudentStatementResponse(studentId, institutionId, prepaid, refunding, lines, next);
    }

    private static long balance(Map<AccountType, Totals> byType, AccountType type) {
        Totals totals = byType.getOrDefault(type, Totals.ZERO);
        return type.normalSide().balance(totals.debitFen(), totals.creditFen());
    }

    private long currentBalance(AccountCode account) {
        Totals totals = ledger.account(account, null).orElse(Totals.ZERO);
        return account.normalSide().balance(totals.debitFen(), totals.creditFen());
    }

    /** Spelled out, not mapped by name: an account type added to the chart does not compile until the contract has it. */
    static com.tuitionescrow.ledger.api.settlement.AccountType apiType(AccountType type) {
        return switch (type) {
            case CUSTODY_CASH -> com.tuitionescrow.ledger.api.settlement.AccountType.CUSTODY_CASH;
            case STUDENT_PREPAID -> com.tuitionescrow.ledger.api.settlement.AccountType.STUDENT_PREPAID;
            case AWAITING_CONFIRMATION -> com.tuitionescrow.ledger.api.settlement.AccountType.AWAITING_CONFIRMATION;
            case RELEASABLE -> com.tuitionescrow.ledger.api.settlement.AccountType.RELEASABLE;
            case HELD_BACK -> com.tuitionescrow.ledger.api.settlement.AccountType.HELD_BACK;
            case DISBURSEMENT_IN_TRANSIT -> com.tuitionescrow.ledger.api.settlement.AccountType.DISBURSEMENT_IN_TRANSIT;
            case REFUND_IN_TRANSIT -> com.tuitionescrow.ledger.api.settlement.AccountType.REFUND_IN_TRANSIT;
            case SUSPENSE -> com.tuitionescrow.ledger.api.settlement.AccountType.SUSPENSE;
            case RETURN_IN_TRANSIT -> com.tuitionescrow.ledger.api.settlement.AccountType.RETURN_IN_TRANSIT;
        };
    }

    private static void requireVisible(String institutionId, Caller caller) {
        if (!caller.canSee(institutionId, Role.REGULATOR)) {
            throw new Forbidden("an institution sees only its own accounts");
        }
    }
}
