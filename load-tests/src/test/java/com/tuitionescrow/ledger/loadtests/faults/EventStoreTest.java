package com.tuitionescrow.ledger.loadtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Events are stored under their class's binary name; the journal names its entries by the simple one. */
class EventStoreTest {

    @Test
    void a_nested_event_class_and_a_top_level_one_are_named_as_the_journal_names_them() {
        assertThat(EventStore.simpleName("com.tuitionescrow.ledger.enrollment.EnrollmentEvents$CollectionApplied"))
                .isEqualTo("CollectionApplied");
        assertThat(EventStore.simpleName("com.tuitionescrow.ledger.institution.InstitutionRegistered"))
                .isEqualTo("InstitutionRegistered");
    }
}
