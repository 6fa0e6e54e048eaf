package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.shared.LedgerTime;
import com.tuitionescrow.ledger.shared.WorkingDayCalendar;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * The windows counted in working days (工作日): a window of N working days opened on a day ends at
 * the close of the Nth working day after it, Beijing time. Computed when the window opens and kept
 * with the lesson or refund, so the answer shown to clients is the one applied.
 */
@Component
class WorkingWindows {

    private final WorkingDayCalendar calendar;
    private final ReleasePolicy policy;

    WorkingWindows(WorkingDayCalendar calendar, ReleasePolicy policy) {
        this.calendar = calendar;
        this.policy = policy;
    }

    Instant confirmationEnds(Instant reportedAt) {
        return closeOf(reportedAt, policy.confirmationWorkingDays());
    }

    Instant refundAnswerEnds(Instant requestedAt) {
        return closeOf(requestedAt, policy.refundAnswerWorkingDays());
    }

    private Instant closeOf(Instant opened, int workingDays) {
        LocalDate lastDay = calendar.addWorkingDays(LedgerTime.dateOf(opened), workingDays);
        return lastDay.plusDays(1).atStartOfDay(LedgerTime.ZONE).toInstant();
    }
}
