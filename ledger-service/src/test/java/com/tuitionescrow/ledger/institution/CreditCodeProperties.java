package com.tuitionescrow.ledger.institution;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For any 17 characters of the alphabet, exactly one check character makes a valid credit code. */
class CreditCodeProperties {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @Property
    void any_17_characters_and_their_check_character_form_a_valid_code(@ForAll("first17") String first17) {
        char check = CreditCode.checkCharacter(first17);

        assertThat(ALPHABET.indexOf(check)).isNotNegative();
        assertThat(CreditCode.isValid(first17 + check)).isTrue();
    }

    @Property
    void any_other_check_character_is_invalid(@ForAll("first17") String first17, @ForAll("alphabet") char other) {
        char check = CreditCode.checkCharacter(first17);

        assertThat(CreditCode.isValid(first17 + other)).isEqualTo(other == check);
    }

    @Provide
    Arbitrary<String> first17() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofLength(17);
    }

    @Provide
    Arbitrary<Character> alphabet() {
        return Arbitraries.of(ALPHABET.chars().mapToObj(c -> (char) c).toArray(Character[]::new));
    }
}
