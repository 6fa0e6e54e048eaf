package com.tuitionescrow.ledger.enrollment;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The numbers of the sale rules (docs/domain.md, "Caps and timing"); each is a setting because regions
 * differ. Defaults are in application.yml.
 *
 * @param maxPrepaidFen         no more than this outstanding at one institution (5000 yuan)
 * @param maxPrepaidHours       no more than this many unconsumed class hours (60)
 * @param hoursCapScope         count the hours cap per institution, or per subject (the Jiangsu reading)
 * @param maxTermMonths         no order's term spans more than this many calendar months (3)
 * @param advanceNewSubject     a new subject is sold no earlier than this before it starts (1 month)
 * @param advanceRemainingHours an ongoing subject is renewed only when at most this many hours remain (20)
 * @param paymentWindow         an unpaid order expires this long after it is placed, freeing its reservation
 */
@ConfigurationProperties("ledger.policy")
public record SalePolicy(
        long maxPrepaidFen,
        int maxPrepaidHours,
        HoursCapScope hoursCapScope,
        int maxTermMonths,
        Period advanceNewSubject,
        int advanceRemainingHours,
        Duration paymentWindow) {

    public enum HoursCapScope {
        INSTITUTION,
        SUBJECT
    }

    public SalePolicy {
        if (maxPrepaidFen <= 0 || maxPrepaidHours <= 0 || maxTermMonths <= 0 || advanceRemainingHours < 0) {
            throw new IllegalArgumentException("ledger.policy caps are positive numbers");
        }
        if (hoursCapScope == null
                || advanceNewSubject == null
                || advanceNewSubject.isNegative()
                || paymentWindow == null
                || paymentWindow.isNegative()
                || paymentWindow.isZero()) {
            throw new IllegalArgumentException(
                    "ledger.policy needs a hours-cap-scope, advance-new-subject and payment-window");
        }
    }
}
