package com.tuitionescrow.ledger.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The printed account code is public and stable: it parses back to the same account. */
class AccountCodeTest {

    private static final String SCHOOL = "91350100M000100Y43";

    @Test
    void an_institution_account_prints_as_type_and_institution() {
        assertThat(AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL)).hasToString("CUSTODY_CASH:91350100M000100Y43");
    }

    @Test
    void a_student_sub_ledger_prints_as_type_institution_and_student() {
        assertThat(AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, "stu-42"))
                .hasToString("STUDENT_PREPAID:91350100M000100Y43:stu-42");
    }

    @ParameterizedTest
    @EnumSource(AccountType.class)
    void every_account_type_round_trips_through_its_printed_form(AccountType type) {
        AccountCode account =
                type.perStudent() ? AccountCode.ofStudent(type, SCHOOL, "stu_1-a") : AccountCode.of(type, SCHOOL);

        assertThat(AccountCode.parse(account.toString())).isEqualTo(account);
    }

    @Test
    void the_unidentified_institution_is_a_valid_holder_of_accounts() {
        AccountCode suspense = AccountCode.of(AccountType.SUSPENSE, AccountCode.UNIDENTIFIED_INSTITUTION);

        assertThat(AccountCode.parse("SUSPENSE:UNIDENTIFIED")).isEqualTo(suspense);
    }

    @ParameterizedTest
    @EnumSource(
            value = AccountType.class,
            names = {"STUDENT_PREPAID", "REFUND_IN_TRANSIT"})
    void per_student_account_types_require_a_student(AccountType type) {
        assertThatThrownBy(() -> AccountCode.of(type, SCHOOL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("studentId");
        assertThatThrownBy(() -> AccountCode.parse(type.name() + ":" + SCHOOL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = AccountType.class,
            names = {"STUDENT_PREPAID", "REFUND_IN_TRANSIT"},
            mode = EnumSource.Mode.EXCLUDE)
    void institution_account_types_forbid_a_student(AccountType type) {
        assertThatThrownBy(() -> AccountCode.ofStudent(type, SCHOOL, "stu-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a per-student account");
        assertThatThrownBy(() -> AccountCode.parse(type.name() + ":" + SCHOOL + ":stu-1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "CUSTODY_CASH",
                "CUSTODY_CASH:",
                "CUSTODY_CASH:" + SCHOOL + ":",
                "STUDENT_PREPAID:" + SCHOOL + ":",
                "STUDENT_PREPAID:" + SCHOOL + ":stu:extra",
                "custody_cash:" + SCHOOL,
                "PETTY_CASH:" + SCHOOL,
                ":" + SCHOOL,
                "CUSTODY_CASH:" + SCHOOL + " ",
                "CUSTODY_CASH:school one",
                "CUSTODY_CASH:学校",
                "CUSTODY_CASH:a,b",
            })
    void garbage_is_refused(String code) {
        assertThatThrownBy(() -> AccountCode.parse(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_missing_code_is_refused() {
        assertThatThrownBy(() -> AccountCode.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void an_institution_id_longer_than_64_characters_is_refused() {
        assertThat(AccountCode.of(AccountType.SUSPENSE, "x".repeat(64)).institutionId())
                .hasSize(64);
        assertThatThrownBy(() -> AccountCode.of(AccountType.SUSPENSE, "x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_control_code_is_the_account_code_without_the_student() {
        AccountCode studentAccount = AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, "stu-1");

        assertThat(AccountCode.controlCode(AccountType.STUDENT_PREPAID, SCHOOL)).isEqualTo("STUDENT_PREPAID:" + SCHOOL);
        assertThat(studentAccount.toString())
                .startsWith(AccountCode.controlCode(AccountType.STUDENT_PREPAID, SCHOOL) + ":");
        assertThat(AccountCode.controlCode(AccountType.RELEASABLE, SCHOOL))
                .isEqualTo(AccountCode.of(AccountType.RELEASABLE, SCHOOL).toString());
    }

    @Test
    void custody_cash_grows_on_the_debit_side_and_every_liability_on_the_credit_side() {
        for (AccountType type : AccountType.values()) {
            NormalSide expected = type == AccountType.CUSTODY_CASH ? NormalSide.DEBIT : NormalSide.CREDIT;
            assertThat(type.normalSide()).as(type.name()).isEqualTo(expected);
            assertThat(type.isAsset()).as(type.name()).isEqualTo(type == AccountType.CUSTODY_CASH);
        }
    }
}
