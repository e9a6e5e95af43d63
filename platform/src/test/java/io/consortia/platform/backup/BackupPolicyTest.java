package io.consortia.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers;
import io.consortia.platform.identity.Callers.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupPolicyTest {
    static final long LEADER = 1;
    static final long NODE_OWNER = 2;
    static final long OTHER = 3;
    static final Consortium CONSORTIUM = Callers.consortiumLedBy(LEADER);
    static final Map<String, Long> RELATIONS = Map.of(
            "LEADER_ORGANIZATION", LEADER, "NODE_ORGANIZATION", NODE_OWNER, "OTHER_MEMBER", OTHER);
    /** main: everyone; shared: the leader and the node's organisation; private: the node's organisation only. */
    static final List<ChannelRecord> CHANNELS = List.of(
            channel("main", LEADER, NODE_OWNER, OTHER), channel("shared", LEADER, NODE_OWNER),
            channel("private", NODE_OWNER));

    @ParameterizedTest(name = "{0} of {1}, archive of [{2}]: manage={3} download={4}")
    @CsvSource(delimiter = '|', value = {
            // the leader manages the node's backups, but downloads only channels its organisation is on
            "ORGANIZATION_ADMIN  | LEADER_ORGANIZATION | main shared         | true  | true",
            "ORGANIZATION_ADMIN  | LEADER_ORGANIZATION | main shared private | true  | false",
            "ORGANIZATION_ADMIN  | LEADER_ORGANIZATION | main gone           | true  | false",
            "ORGANIZATION_ADMIN  | NODE_ORGANIZATION   | main shared private | true  | true",
            "ORGANIZATION_ADMIN  | NODE_ORGANIZATION   | main gone           | true  | true",
            "ORGANIZATION_MEMBER | NODE_ORGANIZATION   | main                | false | false",
            "ORGANIZATION_MEMBER | LEADER_ORGANIZATION | main                | false | false",
            "ORGANIZATION_ADMIN  | OTHER_MEMBER        | main                | false | false",
            "PLATFORM_ADMIN      | NONE                | main                | false | false",
            "AUDITOR             | NONE                | main                | false | false"})
    void table(Role role, String relation, String archived, boolean manage, boolean download) {
        Caller caller = Callers.of(role, relation, RELATIONS);

        assertThat(BackupPolicy.canManageNode(caller, CONSORTIUM, NODE_OWNER)).as("manage").isEqualTo(manage);
        assertThat(BackupPolicy.canDownload(caller, CONSORTIUM, NODE_OWNER, Arrays.asList(archived.split(" ")),
                CHANNELS)).as("download").isEqualTo(download);
    }

    private static ChannelRecord channel(String name, Long... organizations) {
        return new ChannelRecord(name.length(), 7, name, "ACTIVE", null, List.of(organizations), 0);
    }
}
