package com.tuitionescrow.ledger.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.enrollment.SaleRules.Exposure;
import com.tuitionescrow.ledger.enrollment.SaleRules.Sale;
import com.tuitionescrow.ledger.shared.Refusal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The caps and timing rules of docs/domain.md, each at its boundary, with the domain's default numbers. */
class SaleRulesTest {

    private static final SalePolicy DEFAULTS = new SalePolicy(
            500_000, 60, SalePolicy.HoursCapScope.INSTITUTION, 3, Period.ofMonths(1), 20, Duration.ofMinutes(30));
    private static final SalePolicy PER_SUBJECT = new SalePolicy(
            500_000, 60, SalePolicy.HoursCapScope.SUBJECT, 3, Period.ofMonths(1), 20, Duration.ofMinutes(30));

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final Exposure NOTHING_OUTSTANDING = new Exposure(0, 0, 0);

    /** A sale that passes every rule: a new subject starting in a week, 10 hours, 1000 yuan. */
    private static Sale sale() {
        return new Sale(
                InstitutionStatus.ACTIVE,
                TODAY,
                "piano",
                10,
                100_000,
                LocalDate.of(2026, 3, 9),
                LocalDate.of(2026, 5, 31),
                NOTHING_OUTSTANDING);
    }

    private static Sale withAmount(Sale s, long amountFen) {
        return new Sale(
                s.institutionStatus(),
                s.today(),
                s.subject(),
                s.hours(),
                amountFen,
                s.startDate(),
                s.endDate(),
                s.exposure());
    }

    private static Sale withHours(Sale s, int hours) {
        return new Sale(
                s.institutionStatus(),
                s.today(),
                s.subject(),
                hours,
                s.amountFen(),
                s.startDate(),
                s.endDate(),
                s.exposure());
    }

    private static Sale withTerm(Sale s, LocalDate start, LocalDate end) {
        return new Sale(
                s.institutionStatus(), s.today(), s.subject(), s.hours(), s.amountFen(), start, end, s.exposure());
    }

    private static Sale withExposure(Sale s, Exposure exposure) {
        return new Sale(
                s.institutionStatus(),
                s.today(),
                s.subject(),
                s.hours(),
                s.amountFen(),
                s.startDate(),
                s.endDate(),
                exposure);
    }

    private static Sale withStatus(Sale s, InstitutionStatus status) {
        return new Sale(
                status, s.today(), s.subject(), s.hours(), s.amountFen(), s.startDate(), s.endDate(), s.exposure());
    }

    private static void assertPasses(Sale sale, SalePolicy policy) {
        assertThatCode(() -> SaleRules.check(sale, policy)).as(sale.toString()).doesNotThrowAnyException();
    }

    private static ProblemCode refusalOf(Sale sale, SalePolicy policy) {
        Refusal refusal = catchThrowableOfType(() -> SaleRules.check(sale, policy), Refusal.class);
        assertThat(refusal).as("expected a refusal of %s", sale).isNotNull();
        return refusal.code();
    }

    @Test
    void a_sale_within_every_rule_passes() {
        assertPasses(sale(), DEFAULTS);
    }

    // 不超过5000元

    @Test
    void exactly_5000_yuan_of_a_new_order_passes_and_one_fen_more_is_refused() {
        assertPasses(withAmount(sale(), 500_000), DEFAULTS);
        assertThat(refusalOf(withAmount(sale(), 500_001), DEFAULTS)).isEqualTo(ProblemCode.CAP_AMOUNT);
    }

    @Test
    void the_amount_cap_counts_what_is_already_outstanding_plus_the_new_order() {
        Sale topUp = withExposure(sale(), new Exposure(300_000, 30, 0));

        assertPasses(withAmount(topUp, 200_000), DEFAULTS);
        assertThat(refusalOf(withAmount(topUp, 200_001), DEFAULTS)).isEqualTo(ProblemCode.CAP_AMOUNT);
    }

    @Test
    void the_amount_refusal_says_how_much_would_be_outstanding() {
        Refusal refusal = catchThrowableOfType(
                () -> SaleRules.check(
                        withAmount(withExposure(sale(), new Exposure(300_000, 30, 0)), 200_001), DEFAULTS),
                Refusal.class);

        assertThat(refusal.getMessage()).contains("5000.01 yuan").contains("5000.00 yuan");
    }

    // 60 class hours

    @Test
    void sixty_unconsumed_hours_pass_and_sixty_one_are_refused() {
        Sale renewal = withExposure(sale(), new Exposure(100_000, 50, 0));

        assertPasses(withHours(renewal, 10), DEFAULTS);
        assertThat(refusalOf(withHours(renewal, 11), DEFAULTS)).isEqualTo(ProblemCode.CAP_HOURS);
        assertPasses(withHours(sale(), 60), DEFAULTS);
        assertThat(refusalOf(withHours(sale(), 61), DEFAULTS)).isEqualTo(ProblemCode.CAP_HOURS);
    }

    @Test
    void per_institution_scope_counts_the_hours_of_every_subject() {
        // 50 hours of violin outstanding: 11 hours of a new subject breach the cap at the institution.
        Sale piano = withHours(withExposure(sale(), new Exposure(100_000, 50, 0)), 11);

        assertThat(refusalOf(piano, DEFAULTS)).isEqualTo(ProblemCode.CAP_HOURS);
    }

    @Test
    void per_subject_scope_counts_only_the_hours_of_the_subject_sold() {
        // The Jiangsu reading: 50 hours of violin do not count against piano.
        Sale piano = withExposure(sale(), new Exposure(100_000, 50, 0));

        assertPasses(withHours(piano, 60), PER_SUBJECT);
        assertThat(refusalOf(withHours(piano, 61), PER_SUBJECT)).isEqualTo(ProblemCode.CAP_HOURS);
    }

    @Test
    void per_subject_scope_counts_the_hours_left_in_the_subject() {
        Sale pianoRenewal = withExposure(sale(), new Exposure(100_000, 45, 20));

        assertPasses(withHours(pianoRenewal, 40), PER_SUBJECT);
        assertThat(refusalOf(withHours(pianoRenewal, 41), PER_SUBJECT)).isEqualTo(ProblemCode.CAP_HOURS);
    }

    // 不得一次性收取时间跨度超过3个月的费用

    @Test
    void a_term_of_three_calendar_months_passes_and_one_day_more_is_refused() {
        assertPasses(withTerm(sale(), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 31)), DEFAULTS);
        assertThat(refusalOf(withTerm(sale(), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 1)), DEFAULTS))
                .isEqualTo(ProblemCode.CAP_TERM);
    }

    @Test
    void a_one_day_term_passes() {
        assertPasses(withTerm(sale(), LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 9)), DEFAULTS);
    }

    // 不得早于未开科目开始前1个月

    @Test
    void a_new_subject_is_sold_from_one_month_before_it_starts_and_not_a_day_earlier() {
        assertPasses(withTerm(sale(), LocalDate.of(2026, 4, 2), LocalDate.of(2026, 6, 30)), DEFAULTS);
        assertThat(refusalOf(withTerm(sale(), LocalDate.of(2026, 4, 3), LocalDate.of(2026, 6, 30)), DEFAULTS))
                .isEqualTo(ProblemCode.ADVANCE_TOO_EARLY);
    }

    @Test
    void a_new_subject_that_has_already_started_may_be_sold() {
        assertPasses(withTerm(sale(), LocalDate.of(2026, 2, 1), LocalDate.of(2026, 4, 30)), DEFAULTS);
    }

    // 或已开科目剩余20课时

    @Test
    void an_ongoing_subject_is_renewed_with_twenty_hours_left_and_not_with_twenty_one() {
        assertPasses(withExposure(sale(), new Exposure(200_000, 20, 20)), DEFAULTS);
        assertThat(refusalOf(withExposure(sale(), new Exposure(210_000, 21, 21)), DEFAULTS))
                .isEqualTo(ProblemCode.ADVANCE_TOO_EARLY);
    }

    @Test
    void hours_left_in_other_subjects_do_not_hold_back_a_renewal() {
        assertPasses(withExposure(sale(), new Exposure(400_000, 40, 0)), DEFAULTS);
    }

    @Test
    void an_ongoing_subject_is_judged_by_its_remaining_hours_not_by_its_start_date() {
        Sale farAhead = withTerm(
                withExposure(sale(), new Exposure(50_000, 5, 5)), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 7, 31));

        assertPasses(farAhead, DEFAULTS);
    }

    // 黑白名单

    @ParameterizedTest
    @EnumSource(value = InstitutionStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
    void an_institution_that_is_not_active_does_not_sell(InstitutionStatus status) {
        assertThat(refusalOf(withStatus(sale(), status), DEFAULTS)).isEqualTo(ProblemCode.INSTITUTION_NOT_ACTIVE);
    }

    // Order of checking

    @Test
    void the_rules_are_checked_institution_first_then_term_advance_hours_and_amount() {
        Sale breaksEverything = new Sale(
                InstitutionStatus.SUSPENDED,
                TODAY,
                "piano",
                61,
                500_001,
                LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 9, 1),
                NOTHING_OUTSTANDING);
        assertThat(refusalOf(breaksEverything, DEFAULTS)).isEqualTo(ProblemCode.INSTITUTION_NOT_ACTIVE);

        Sale active = withStatus(breaksEverything, InstitutionStatus.ACTIVE);
        assertThat(refusalOf(active, DEFAULTS)).isEqualTo(ProblemCode.CAP_TERM);

        Sale termFixed = withTerm(active, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 7, 31));
        assertThat(refusalOf(termFixed, DEFAULTS)).isEqualTo(ProblemCode.ADVANCE_TOO_EARLY);

        Sale advanceFixed = withTerm(termFixed, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30));
        assertThat(refusalOf(advanceFixed, DEFAULTS)).isEqualTo(ProblemCode.CAP_HOURS);

        Sale hoursFixed = withHours(advanceFixed, 60);
        assertThat(refusalOf(hoursFixed, DEFAULTS)).isEqualTo(ProblemCode.CAP_AMOUNT);

        assertPasses(withAmount(hoursFixed, 500_000), DEFAULTS);
    }

    @Test
    void the_rule_list_holds_every_rule_in_the_order_they_are_checked() {
        assertThat(SaleRules.ALL)
                .containsExactly(
                        SaleRules.INSTITUTION_ACTIVE,
                        SaleRules.TERM_CAP,
                        SaleRules.ADVANCE,
                        SaleRules.HOURS_CAP,
                        SaleRules.AMOUNT_CAP);
    }
}
