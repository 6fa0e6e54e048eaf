package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.accounting.Posting;
import com.tuitionescrow.ledger.shared.WorkingDayCalendar;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The numbers of staged disbursement (序时拨付) and refunds (docs/domain.md, "Policy settings").
 *
 * @param confirmationWorkingDays an unanswered lesson counts as confirmed this many working days after it is reported (15)
 * @param refundAnswerWorkingDays an unanswered refund request is approved this many working days after it is made (5)
 * @param releaseMode             release confirmed consumption lesson by lesson, or only when the order completes
 * @param holdbackPercent         the share of each confirmed lesson kept back until its order completes (0)
 */
@ConfigurationProperties("ledger.policy")
public record ReleasePolicy(
        int confirmationWorkingDays, int refundAnswerWorkingDays, ReleaseMode releaseMode, int holdbackPercent) {

    public enum ReleaseMode {
        /** 一课一消: each confirmed lesson is releasable at once (less any hold-back). */
        PER_LESSON,
        /** Nothing is releasable until the order completes. */
        ON_COMPLETION
    }

    public ReleasePolicy {
        // Checked here, at start-up, rather than by the calendar when the first lesson is reported.
        if (!withinCalendar(confirmationWorkingDays) || !withinCalendar(refundAnswerWorkingDays)) {
            throw new IllegalArgumentException(
                    "ledger.policy windows are 1 to " + WorkingDayCalendar.MAX_WORKING_DAYS + " working days");
        }
        if (releaseMode == null || holdbackPercent < 0 || holdbackPercent > 100) {
            throw new IllegalArgumentException(
                    "ledger.policy needs a release-mode and a holdback-percent from 0 to 100");
        }
    }

    private static boolean withinCalendar(int workingDays) {
        return workingDays > 0 && workingDays <= WorkingDayCalendar.MAX_WORKING_DAYS;
    }

    /** Confirmed consumption: out of awaiting confirmation, into releasable less what is held back. */
    JournalEntry consumption(long lessonFen, String institutionId) {
        long heldBack = heldBackFen(lessonFen);
        List<Posting> postings = new ArrayList<>(3);
        postings.add(Posting.debit(AccountCode.of(AccountType.AWAITING_CONFIRMATION, institutionId), lessonFen));
        if (lessonFen - heldBack > 0) {
            postings.add(Posting.credit(AccountCode.of(AccountType.RELEASABLE, institutionId), lessonFen - heldBack));
        }
        if (heldBack > 0) {
            postings.add(Posting.credit(AccountCode.of(AccountType.HELD_BACK, institutionId), heldBack));
        }
        return new JournalEntry(postings);
    }

    /** The part of a confirmed lesson's money kept back until its order completes; never more than the lesson. */
    long heldBackFen(long lessonFen) {
        if (releaseMode == ReleaseMode.ON_COMPLETION) {
            return lessonFen;
        }
        // Rounded down: the institution is paid the fen the hold-back cannot divide.
        return Math.multiplyExact(lessonFen, holdbackPercent) / 100;
    }
}
