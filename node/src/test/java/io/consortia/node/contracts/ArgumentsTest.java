package io.consortia.node.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole-number arguments are canonical decimal: "007" is refused by design, and the refusal said only "digits 0-9
 * only", which "007" is; it says that leading zeros are not allowed.
 */
class ArgumentsTest {

    private static Arguments of(String value) {
        return Arguments.of("transfer", List.of(ByteString.copyFromUtf8(value)), 1, 1, "transfer(amount)");
    }

    @Test
    void a_leading_zero_is_refused_saying_leading_zeros_are_not_allowed() {
        assertThatThrownBy(() -> of("007").nonNegativeLong(0, "amount")).isInstanceOf(ContractException.class)
                .hasMessageContaining("got '007'").hasMessageContaining("leading zeros are not allowed");
        assertThatThrownBy(() -> of("00").nonNegativeLong(0, "amount")).hasMessageContaining("leading zeros");
    }

    @Test
    void other_refusals_do_not_blame_leading_zeros_and_canonical_numbers_pass() {
        assertThatThrownBy(() -> of("1.5").nonNegativeLong(0, "amount")).hasMessageContaining("non-negative whole number")
                .hasMessageNotContaining("leading zeros are not allowed");
        assertThatThrownBy(() -> of("0x1").nonNegativeLong(0, "amount"))
                .hasMessageNotContaining("leading zeros are not allowed");
        assertThat(of("0").nonNegativeLong(0, "amount")).isZero();
        assertThat(of("700").nonNegativeLong(0, "amount")).isEqualTo(700);
    }
}
