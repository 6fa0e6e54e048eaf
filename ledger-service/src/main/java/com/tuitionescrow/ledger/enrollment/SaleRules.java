package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.shared.Refusal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules a course sale must pass (docs/domain.md, "Caps and timing"), each a named function from
 * the situation to a refusal, listed in the order they are checked. Adding a rule is adding a line
 * to {@link #ALL}.
 */
final class SaleRules {

    /** What the student already has outstanding at the institution: unconsumed paid orders and unpaid ones. */
    record Exposure(long fen, int hours, int hoursInSubject) {

        static final Exposure NONE = new Exposure(0, 0, 0);

        /**
         * Unpaid orders still reserving their share and paid orders' unconsumed hours count; refunded
         * hours do not, once approved: an approval is never taken back (a refund the bank fails is
         * instructed again), so those hours never return to the student. A lesson counts as consumed
         * only once it is confirmed (by the parent, the window or a ruling): one awaiting an answer or
         * disputed may still be reversed, and its hours would come back over the caps.
         */
        static Exposure of(Collection<OrderState> orders, Collection<LessonState> lessons, String subject) {
            Map<String, OrderState> byId = new HashMap<>();
            Exposure exposure = NONE;
            for (OrderState order : orders) {
                byId.put(order.orderId(), order);
                if (order.holdsReservation()) {
                    exposure = exposure.plus(
                            order.unconsumedFen(), order.remainingHours(), Subjects.same(order.subject(), subject));
                }
            }
            for (LessonState lesson : lessons) {
                if (lesson.isOpen()) {
                    exposure = exposure.plus(
                            lesson.amountFen(),
                            lesson.hours(),
                            Subjects.same(byId.get(lesson.orderId()).subject(), subject));
                }
            }
            return exposure;
        }

        private Exposure plus(long moreFen, int moreHours, boolean inSubject) {
            return new Exposure(
                    Fen.plus(fen, moreFen),
                    Math.addExact(hours, moreHours),
                    inSubject ? Math.addExact(hoursInSubject, moreHours) : hoursInSubject);
        }
    }

    record Sale(
            InstitutionStatus institutionStatus,
            LocalDate today,
            String subject,
            int hours,
            long amountFen,
            LocalDate startDate,
            LocalDate endDate,
            Exposure exposure) {}

    interface Rule {
        Optional<Refusal> check(Sale sale, SalePolicy policy);
    }

    /** 黑白名单: suspended, blacklisted, winding-down and closed institutions do not sell. */
    static final Rule INSTITUTION_ACTIVE = (sale, policy) -> sale.institutionStatus() == InstitutionStatus.ACTIVE
            ? Optional.empty()
            : refuse(ProblemCode.INSTITUTION_NOT_ACTIVE, "the institution is " + sale.institutionStatus());

    /** 不得一次性收取时间跨度超过3个月的费用: the term, first and last day included, spans at most N months. */
    static final Rule TERM_CAP =
            (sale, policy) -> sale.endDate().isBefore(sale.startDate().plusMonths(policy.maxTermMonths()))
                    ? Optional.empty()
                    : refuse(
                            ProblemCode.CAP_TERM,
                            "the term " + sale.startDate() + " to " + sale.endDate() + " spans more than "
                                    + policy.maxTermMonths() + " months");

    /**
     * 不得早于未开科目开始前1个月或已开科目剩余20课时: a subject the student has hours left in is
     * renewed only when few remain; a new subject is sold no earlier than a month before it starts.
     */
    static final Rule ADVANCE = (sale, policy) -> {
        int remaining = sale.exposure().hoursInSubject();
        if (remaining > 0) {
            return remaining <= policy.advanceRemainingHours()
                    ? Optional.empty()
                    : refuse(
                            ProblemCode.ADVANCE_TOO_EARLY,
                            remaining + " class hours of " + sale.subject() + " remain; renewal is allowed at "
                                    + policy.advanceRemainingHours() + " or fewer");
        }
        LocalDate earliestSale = sale.startDate().minus(policy.advanceNewSubject());
        return sale.today().isBefore(earliestSale)
                ? refuse(
                        ProblemCode.ADVANCE_TOO_EARLY,
                        "a new subject starting " + sale.startDate() + " may be sold from " + earliestSale)
                : Optional.empty();
    };

    /** No more than 60 unconsumed class hours, counted per institution or, by policy, per subject. */
    static final Rule HOURS_CAP = (sale, policy) -> {
        boolean perSubject = policy.hoursCapScope() == SalePolicy.HoursCapScope.SUBJECT;
        int counted =
                perSubject ? sale.exposure().hoursInSubject() : sale.exposure().hours();
        int total = Math.addExact(counted, sale.hours());
        return total <= policy.maxPrepaidHours()
                ? Optional.empty()
                : refuse(
                        ProblemCode.CAP_HOURS,
                        total + " unconsumed class hours" + (perSubject ? " of " + sale.subject() : "")
                                + " would exceed " + policy.maxPrepaidHours());
    };

    /** 不超过5000元, counting what is outstanding: top-ups and split orders cannot disguise it. */
    static final Rule AMOUNT_CAP = (sale, policy) -> {
        long total = Fen.plus(sale.exposure().fen(), sale.amountFen());
        return total <= policy.maxPrepaidFen()
                ? Optional.empty()
                : refuse(
                        ProblemCode.CAP_AMOUNT,
                        Fen.yuan(total) + " outstanding at the institution would exceed "
                                + Fen.yuan(policy.maxPrepaidFen()));
    };

    static final List<Rule> ALL = List.of(INSTITUTION_ACTIVE, TERM_CAP, ADVANCE, HOURS_CAP, AMOUNT_CAP);

    private SaleRules() {}

    /** Throws the first rule's refusal, if any rule refuses. */
    static void check(Sale sale, SalePolicy policy) {
        for (Rule rule : ALL) {
            Optional<Refusal> refusal = rule.check(sale, policy);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
        }
    }

    private static Optional<Refusal> refuse(ProblemCode code, String detail) {
        return Optional.of(new Refusal(code, detail));
    }
}
