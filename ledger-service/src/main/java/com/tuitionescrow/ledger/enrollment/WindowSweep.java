package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ApproveRefundByWindow;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ConfirmLessonByWindow;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Answers for whoever did not answer in time: lessons unconfirmed when their window closed count as
 * confirmed, refunds unanswered when theirs closed are approved. Each in a transaction of its own;
 * safe to run on several instances at once, since the account decides again whether the window has
 * closed and an answered lesson or refund is left alone.
 */
@Service
public class WindowSweep {

    static final int BATCH = 200;
    /** Bounds one sweep; what is left waits for the next run. */
    static final int MAX_BATCHES = 50;

    private final CommandTransactions commands;
    private final OrderQueries orders;
    private final RefundQueries refunds;
    private final InstitutionDirectory institutions;

    WindowSweep(CommandTransactions commands, OrderQueries orders, RefundQueries refunds, InstitutionDirectory institutions) {
        this.commands = commands;
        this.orders = orders;
        this.refunds = refunds;
        this.institutions = institutions;
    }

    /** Returns how many lessons it confirmed (one answered in the meantime is not counted). */
    public int confirmLessonsPastWindow(Instant asOf, Caller caller) {
        return sweep(limit -> orders.lessonsPastWindow(asOf, limit), lesson ->
                commands.send(new ConfirmLessonByWindow(lesson.accountId(), lesson.lessonId(), asOf), caller));
    }

    /** Returns how many refunds it approved (one answered in the meantime is not counted). */
    public int approveRefundsPastWindow(Instant asOf, Caller caller) {
        return sweep(limit -> refunds.pastWindow(asOf, limit), refund -> commands.send(new ApproveRefundByWindow(
                refund.accountId(), refund.refundId(),
                institutions.find(refund.institutionId()).orElseThrow().custodyAccountNo(), asOf), caller));
    }

    private <T> int sweep(Function<Integer, List<T>> due, Function<T, Boolean> answer) {
        int answered = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<T> items = due.apply(BATCH);
            for (T item : items) {
                if (commands.inTransaction(() -> answer.apply(item))) {
                    answered++;
                }
            }
            if (items.size() < BATCH) {
                break;
            }
        }
        return answered;
    }
}
