package com.tuitionescrow.ledger.institution;

import com.tuitionescrow.ledger.api.institution.Category;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.institution.SupervisionModel;
import com.tuitionescrow.ledger.institution.InstitutionCommands.ChangeInstitutionStatus;
import com.tuitionescrow.ledger.institution.InstitutionCommands.RegisterInstitution;
import com.tuitionescrow.ledger.institution.InstitutionEvents.InstitutionRegistered;
import com.tuitionescrow.ledger.institution.InstitutionEvents.InstitutionStatusChanged;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A regulator registers institutions and sets their standing. */
class InstitutionTest {

    private static final String SCHOOL = "91350100M000100Y43";
    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);

    private AggregateTestFixture<Institution> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Institution.class);
    }

    private static InstitutionRegistered registered() {
        return new InstitutionRegistered(
                SCHOOL,
                "Fuzhou Piano School",
                Category.ARTS,
                SupervisionModel.BANK_CUSTODY,
                "6222000011112222",
                null,
                NOW);
    }

    @Test
    void registering_an_institution_records_it_with_all_its_particulars() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInstitution(
                        SCHOOL,
                        "Fuzhou Piano School",
                        Category.ARTS,
                        SupervisionModel.BANK_CUSTODY,
                        "6222000011112222",
                        null,
                        NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void registering_a_risk_reserve_institution_keeps_its_reserve() {
        fixture.givenNoPriorActivity()
                .when(new RegisterInstitution(
                        SCHOOL,
                        "Swim Club",
                        Category.SPORTS,
                        SupervisionModel.RISK_RESERVE,
                        "6222000033334444",
                        2_000_000L,
                        NOW))
                .expectEvents(new InstitutionRegistered(
                        SCHOOL,
                        "Swim Club",
                        Category.SPORTS,
                        SupervisionModel.RISK_RESERVE,
                        "6222000033334444",
                        2_000_000L,
                        NOW));
    }

    @Test
    void suspending_an_active_institution_records_the_change_from_active_to_suspended() {
        fixture.given(registered())
                .when(new ChangeInstitutionStatus(SCHOOL, InstitutionStatus.SUSPENDED, "late refunds", LATER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new InstitutionStatusChanged(
                        SCHOOL, InstitutionStatus.ACTIVE, InstitutionStatus.SUSPENDED, "late refunds", LATER));
    }

    @Test
    void a_status_change_starts_from_the_current_status() {
        fixture.given(
                        registered(),
                        new InstitutionStatusChanged(
                                SCHOOL, InstitutionStatus.ACTIVE, InstitutionStatus.SUSPENDED, "audit", NOW))
                .when(new ChangeInstitutionStatus(SCHOOL, InstitutionStatus.BLACKLISTED, "fraud", LATER))
                .expectEvents(new InstitutionStatusChanged(
                        SCHOOL, InstitutionStatus.SUSPENDED, InstitutionStatus.BLACKLISTED, "fraud", LATER));
    }

    @Test
    void reactivating_a_suspended_institution_records_the_change_back_to_active() {
        fixture.given(
                        registered(),
                        new InstitutionStatusChanged(
                                SCHOOL, InstitutionStatus.ACTIVE, InstitutionStatus.SUSPENDED, "audit", NOW))
                .when(new ChangeInstitutionStatus(SCHOOL, InstitutionStatus.ACTIVE, "audit passed", LATER))
                .expectEvents(new InstitutionStatusChanged(
                        SCHOOL, InstitutionStatus.SUSPENDED, InstitutionStatus.ACTIVE, "audit passed", LATER));
    }

    @Test
    void setting_the_status_it_already_has_records_nothing() {
        fixture.given(registered())
                .when(new ChangeInstitutionStatus(SCHOOL, InstitutionStatus.ACTIVE, "no change", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void suspending_a_suspended_institution_again_records_nothing() {
        fixture.given(
                        registered(),
                        new InstitutionStatusChanged(
                                SCHOOL, InstitutionStatus.ACTIVE, InstitutionStatus.SUSPENDED, "audit", NOW))
                .when(new ChangeInstitutionStatus(SCHOOL, InstitutionStatus.SUSPENDED, "still", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(
            value = InstitutionStatus.class,
            names = {"WINDING_DOWN", "CLOSED"})
    void winding_down_and_closing_are_not_set_directly(InstitutionStatus status) {
        fixture.given(registered())
                .when(new ChangeInstitutionStatus(SCHOOL, status, "shortcut", LATER))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }
}
