package io.consortia.node.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.protocol.v1.ChangePolicy;
import org.junit.jupiter.api.Test;

class PolicyCountTest {

    @Test
    void majority_needs_more_than_half_of_the_organizations() {
        assertThat(PolicyCount.required(ChangePolicy.MAJORITY, 1)).isEqualTo(1);
        assertThat(PolicyCount.required(ChangePolicy.MAJORITY, 2)).isEqualTo(2);
        assertThat(PolicyCount.required(ChangePolicy.MAJORITY, 3)).isEqualTo(2);
        assertThat(PolicyCount.required(ChangePolicy.MAJORITY, 4)).isEqualTo(3);
        assertThat(PolicyCount.required(ChangePolicy.MAJORITY, 5)).isEqualTo(3);
    }

    @Test
    void any_needs_one_and_all_needs_every_organization() {
        assertThat(PolicyCount.required(ChangePolicy.ANY, 3)).isEqualTo(1);
        assertThat(PolicyCount.required(ChangePolicy.ALL, 3)).isEqualTo(3);
        assertThat(PolicyCount.required(ChangePolicy.ALL, 1)).isEqualTo(1);
    }

    @Test
    void an_unspecified_policy_is_majority() {
        assertThat(PolicyCount.effective(ChangePolicy.CHANGE_POLICY_UNSPECIFIED)).isEqualTo(ChangePolicy.MAJORITY);
        assertThat(PolicyCount.required(ChangePolicy.CHANGE_POLICY_UNSPECIFIED, 3)).isEqualTo(2);
    }
}
