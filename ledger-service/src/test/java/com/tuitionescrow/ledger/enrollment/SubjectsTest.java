package com.tuitionescrow.ledger.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When two subject names are the same subject for the caps and the advance rule. */
class SubjectsTest {

    @ParameterizedTest(name = "[{0}] is [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "Piano|piano",
                "ＰＩＡＮＯ|piano",
                "' piano  '|piano",
                "'piano   basics'|'piano basics'",
                "'钢琴\u3000'|钢琴",
                "Ｐｉａｎｏ１|piano1",
                "Café|Cafe\u0301"
            })
    void given_names_a_person_reads_as_one_subject_then_they_are_the_same(String name, String other) {
        assertThat(Subjects.same(name, other)).isTrue();
    }

    @ParameterizedTest(name = "[{0}] is not [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {"piano|violin", "钢琴|鋼琴", "pianobasics|'piano basics'", "piano-1|piano_1"})
    void given_different_names_then_they_are_different_subjects(String name, String other) {
        assertThat(Subjects.same(name, other)).isFalse();
    }
}
