package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers.Role;
import io.consortia.platform.identity.Callers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The platform admin and auditors read every contract's state (the README's role table: "read
 * everything") and submit nothing; organisation users call the contracts of their channels.
 */
class ContractPolicyTest {
    static final long IN_CHANNEL = 2;
    static final long OUTSIDE_CHANNEL = 3;
    static final ChannelRecord CHANNEL = new ChannelRecord(5, 7, "trade", "ACTIVE", null, List.of(1L, IN_CHANNEL), 0);

    /** The organisation the caller acts in, by its relation to the thing decided on; NONE for platform roles. */
    static final Map<String, Long> RELATIONS = Map.of(
            "CHANNEL_ORGANIZATION", IN_CHANNEL,
            "OTHER_ORGANIZATION", OUTSIDE_CHANNEL);

    @ParameterizedTest(name = "{0} of {1}: submit={2} read state={3}")
    @CsvSource({
            "PLATFORM_ADMIN,      NONE,                 false, true",
            "AUDITOR,             NONE,                 false, true",
            "ORGANIZATION_ADMIN,  CHANNEL_ORGANIZATION, true,  true",
            "ORGANIZATION_MEMBER, CHANNEL_ORGANIZATION, true,  true",
            "ORGANIZATION_ADMIN,  OTHER_ORGANIZATION,   false, false",
            "ORGANIZATION_MEMBER, OTHER_ORGANIZATION,   false, false",
    })
    void table(Role role, String relation, boolean submit, boolean read) {
        Caller caller = Callers.of(role, relation, RELATIONS);
        assertThat(ContractPolicy.canSubmit(caller, CHANNEL)).as("submit").isEqualTo(submit);
        assertThat(ContractPolicy.canRead(caller, CHANNEL)).as("read").isEqualTo(read);
    }
}
