package io.consortia.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.SignatureScheme;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.RaftGroupIdProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.RaftProtos.RequestVoteRequestProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.junit.jupiter.api.Test;

class RaftPortGuardTest {
    private static final RaftGroupId MAIN = RaftNode.groupId("main");
    private static final RaftGroupId OTHER = RaftNode.groupId("other");
    private static final RaftGroupId STOPPED = RaftNode.groupId("stopped");
    private final RaftPortGuard guard = new RaftPortGuard(true, new RaftPortGuard.Channels() {
        @Override
        public Optional<Set<String>> organizations(RaftGroupId group) {
            return Optional.ofNullable(Map.of(MAIN, Set.of("org1", "org2"), STOPPED, Set.of("org1")).get(group));
        }

        @Override
        public Optional<String> stopped(RaftGroupId group) {
            return group.equals(STOPPED) ? Optional.of("its Raft log cannot be written (disk full)") : Optional.empty();
        }
    });

    @Test
    void a_message_from_the_node_it_names_for_a_channel_of_its_organisation_passes() {
        assertThat(guard.checkMessage("org1-node0", "org1", vote("org1-node0", MAIN))).isNull();
        assertThat(guard.checkMessage("org2-node3", "org2", append("org2-node3", MAIN))).isNull();
    }

    @Test
    void a_node_may_not_speak_for_another() {
        assertRefused(guard.checkMessage("org1-node0", "org1", append("org2-node0", MAIN)), Status.Code.PERMISSION_DENIED,
                "a Raft message that names org2-node0 as its sender, from the TLS certificate of org1-node0");
    }

    @Test
    void a_node_of_an_organisation_outside_the_channel_is_refused() {
        assertRefused(guard.checkMessage("org3-node0", "org3", vote("org3-node0", MAIN)), Status.Code.PERMISSION_DENIED,
                "org3-node0 is of org3, which is not an organisation of the channel of Raft group " + MAIN.getUuid());
    }

    @Test
    void a_group_of_no_served_channel_is_left_to_ratis() {
        assertThat(guard.checkMessage("org3-node0", "org3", vote("org3-node0", OTHER))).isNull();
    }

    @Test
    void a_message_without_the_raft_header_is_refused() {
        assertRefused(guard.checkMessage("org1-node0", "org1", RequestVoteRequestProto.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "a Raft message without its sender and group");
        assertRefused(guard.checkMessage("org1-node0", "org1", "not a protobuf message"),
                Status.Code.PERMISSION_DENIED, "a Raft message without its sender and group");
    }

    @Test
    void messages_for_a_member_that_stopped_are_answered_unavailable_before_ratis_sees_them() {
        assertRefused(guard.checkMessage("org1-node1", "org1", append("org1-node1", STOPPED)), Status.Code.UNAVAILABLE,
                "this node's member of the channel has stopped: its Raft log cannot be written (disk full)");
        // without TLS nobody's identity is known, and only that is left out
        RaftPortGuard plaintext = new RaftPortGuard(false, guardChannels());
        assertThat(plaintext.checkMessage(null, null, append("anyone", MAIN))).isNull();
        assertRefused(plaintext.checkMessage(null, null, append("anyone", STOPPED)), Status.Code.UNAVAILABLE,
                "this node's member of the channel has stopped: its Raft log cannot be written (disk full)");
    }

    private RaftPortGuard.Channels guardChannels() {
        return new RaftPortGuard.Channels() {
            @Override
            public Optional<Set<String>> organizations(RaftGroupId group) {
                return Optional.of(Set.of("org1"));
            }

            @Override
            public Optional<String> stopped(RaftGroupId group) {
                return group.equals(STOPPED) ? Optional.of("its Raft log cannot be written (disk full)") : Optional.empty();
            }
        };
    }

    private static void assertRefused(Status status, Status.Code code, String description) {
        assertThat(status).isNotNull();
        assertThat(status.getCode()).isEqualTo(code);
        assertThat(status.getDescription()).isEqualTo(description);
    }

    @Test
    void only_a_certificate_with_the_node_role_may_speak_raft() {
        CertificateAuthority ca = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256, Duration.ofDays(1));
        assertThat(RaftPortGuard.checkNode(ca.issueTls(CertificateRole.NODE, "org1-node0", List.of("127.0.0.1"),
                Duration.ofDays(1)).certificate())).isNull();
        assertThat(RaftPortGuard.checkNode(ca.issueTls(CertificateRole.USER, "app", List.of(), Duration.ofDays(1))
                .certificate())).isEqualTo("Raft traffic requires a node's TLS certificate (role node, OU=node); the"
                + " caller's certificate has role [tls, user]");
        assertThat(RaftPortGuard.checkNode(null)).endsWith("the caller's certificate has no role");
    }

    private static RaftRpcRequestProto header(String sender, RaftGroupId group) {
        return RaftRpcRequestProto.newBuilder().setRequestorId(ByteString.copyFromUtf8(sender))
                .setReplyId(ByteString.copyFromUtf8("org1-node1"))
                .setRaftGroupId(RaftGroupIdProto.newBuilder().setId(group.toByteString())).setCallId(1).build();
    }

    private static RequestVoteRequestProto vote(String sender, RaftGroupId group) {
        return RequestVoteRequestProto.newBuilder().setServerRequest(header(sender, group)).setCandidateTerm(5).build();
    }

    private static AppendEntriesRequestProto append(String sender, RaftGroupId group) {
        return AppendEntriesRequestProto.newBuilder().setServerRequest(header(sender, group)).setLeaderTerm(5).build();
    }
}
