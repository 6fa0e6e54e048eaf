package com.tuitionescrow.ledger.institution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last a check over the first 17. */
class CreditCodeTest {

    private static final String PUBLISHED_EXAMPLE = "91350100M000100Y43";
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @Test
    void the_published_example_is_valid() {
        assertThat(CreditCode.isValid(PUBLISHED_EXAMPLE)).isTrue();
        assertThat(CreditCode.checkCharacter(PUBLISHED_EXAMPLE.substring(0, 17)))
                .isEqualTo('3');
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y4", "91110000600037341", "12100000400000000", "Y1440300MA5FAKE00"})
    void a_code_completed_with_its_check_character_is_valid(String first17) {
        char check = CreditCode.checkCharacter(first17);

        assertThat(CreditCode.isValid(first17 + check)).isTrue();
        assertThat(CreditCode.checkCharacter((first17 + check).substring(0, 17)))
                .isEqualTo(check);
    }

    @Test
    void the_check_character_of_a_second_real_world_shape_is_known() {
        // By hand: the weighted sum is 538, 538 mod 31 = 11, 31 - 11 = 20, and the 21st character is L.
        assertThat(CreditCode.checkCharacter("91110000600037341")).isEqualTo('L');
    }

    @Test
    void every_other_check_character_makes_the_example_invalid() {
        String first17 = PUBLISHED_EXAMPLE.substring(0, 17);
        int tried = 0;
        for (char check : ALPHABET.toCharArray()) {
            if (check != '3') {
                assertThat(CreditCode.isValid(first17 + check))
                        .as("check character %s", check)
                        .isFalse();
                tried++;
            }
        }
        assertThat(tried).isEqualTo(30);
    }

    @Test
    void changing_any_one_of_the_first_17_characters_is_detected() {
        for (int position = 0; position < 17; position++) {
            for (char replacement : ALPHABET.toCharArray()) {
                if (replacement == PUBLISHED_EXAMPLE.charAt(position)) {
                    continue;
                }
                String altered = PUBLISHED_EXAMPLE.substring(0, position)
                        + replacement
                        + PUBLISHED_EXAMPLE.substring(position + 1);
                assertThat(CreditCode.isValid(altered)).as(altered).isFalse();
            }
        }
    }

    @Test
    void lower_case_is_invalid() {
        assertThat(CreditCode.isValid("91350100m000100y43")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "91350100M000100Y4", "91350100M000100Y433", "91350100M000100Y43 ", " 91350100M000100Y43"})
    void the_wrong_length_is_invalid(String code) {
        assertThat(CreditCode.isValid(code)).isFalse();
    }

    @Test
    void a_missing_code_is_invalid() {
        assertThat(CreditCode.isValid(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z'})
    void the_letters_left_out_of_the_alphabet_are_invalid(char excluded) {
        // In the organisation-code part, and as the check character itself.
        assertThat(CreditCode.isValid("91350100" + excluded + "000100Y43")).isFalse();
        assertThat(CreditCode.isValid("91350100M000100Y4" + excluded)).isFalse();
        assertThatThrownBy(() -> CreditCode.checkCharacter("91350100" + excluded + "000100Y4"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_check_character_is_computed_over_exactly_17_characters() {
        assertThatThrownBy(() -> CreditCode.checkCharacter("91350100M000100Y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreditCode.checkCharacter(PUBLISHED_EXAMPLE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_sum_divisible_by_31_has_check_character_zero() {
        assertThat(CreditCode.checkCharacter("00000000000000000")).isEqualTo('0');
        assertThat(CreditCode.isValid("000000000000000000")).isTrue();
    }
}
