package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.IssuedCredential;
import io.consortia.node.consensus.RaftNode;
import io.consortia.sdk.SubmitResult;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import io.consortia.testkit.NodeCredentials;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.RaftProtos.RequestVoteRequestProto;
import org.apache.ratis.proto.grpc.RaftServerProtocolServiceGrpc;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.io.grpc.ManagedChannel;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.apache.ratis.thirdparty.io.grpc.StatusRuntimeException;
import org.apache.ratis.thirdparty.io.grpc.netty.GrpcSslContexts;
import org.apache.ratis.thirdparty.io.grpc.netty.NettyChannelBuilder;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.Test;

/**
 * The Raft port answers nodes speaking Raft's peer protocol and nobody else: Ratis' client and
 * administration protocols, which would append entries past admission or remove a channel's group
 * from a node without any organisation's approval, are refused even to a node's own certificate,
 * and the peer protocol is refused to a certificate without the node role and to a node that
 * names another as the sender.
 */
class RaftPortIT {
    private static final String CHANNEL = "main";

    @Test
    void ratis_client_and_administration_requests_are_refused_and_the_channel_goes_on() throws Exception {
        try (MiniNetwork network = MiniNetwork.builder().organizations(1).channel(CHANNEL).processes(false).start()) {
            MiniNode node = network.nodes().get(0);
            assertThat(commit(network, "before").blockNumber()).isPositive();
            NodeCredentials own = network.credentials(node);
            RaftGroupId groupId = RaftNode.groupId(CHANNEL);
            RaftPeer peer = RaftPeer.newBuilder().setId(node.nodeId())
                    .setAddress("127.0.0.1:" + node.raftPort()).build();

            try (RaftClient client = ratisClient(RaftGroup.valueOf(groupId, peer), own.tlsKey(), own.tlsCertificate(),
                    network.tlsRoots())) {
                assertThatThrownBy(() -> client.getGroupManagementApi(peer.getId()).remove(groupId, false, false))
                        .hasStackTraceContaining("PERMISSION_DENIED")
                        .hasStackTraceContaining("the Raft port serves only Raft traffic between nodes");
                assertThatThrownBy(() -> client.io().send(Message.valueOf("not through admission")))
                        .hasStackTraceContaining("PERMISSION_DENIED")
                        .hasStackTraceContaining("the Raft port serves only Raft traffic between nodes");
            }

            // The node still runs its member of the channel and commits.
            assertThat(network.admin(node).status().getChannelsList()).singleElement()
                    .satisfies(c -> assertThat(c.getRaftRole()).isEqualTo("LEADER"));
            assertThat(commit(network, "after").blockNumber()).isPositive();
        }
    }

    @Test
    void the_peer_protocol_needs_a_node_certificate_and_messages_in_its_own_name() throws Exception {
        try (MiniNetwork network = MiniNetwork.builder().organizations(1).channel(CHANNEL).processes(false).start()) {
            MiniNode node = network.nodes().get(0);
            String org = network.organizations().get(0);
            IssuedCredential user = network.caFor(org).issueTls(CertificateRole.USER, "app@" + org, List.of(),
                    Duration.ofDays(1));
            long term = network.admin(node).status().getChannels(0).getRaftTerm();

            assertThatThrownBy(() -> requestVote(node, user.privateKey(), user.certificate(), network.tlsRoots(),
                    "app@" + org, term + 100))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                        assertThat(e.getStatus().getDescription()).contains("requires a node's TLS certificate")
                                .contains("role [tls, user]");
                    });
            assertThat(network.admin(node).status().getChannels(0).getRaftTerm())
                    .as("a refused vote request never reaches Raft").isEqualTo(term);

            // A node's certificate may not speak for another node.
            NodeCredentials own = network.credentials(node);
            assertThatThrownBy(() -> requestVote(node, own.tlsKey(), own.tlsCertificate(), network.tlsRoots(),
                    "org9-node0", term + 100))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                        assertThat(e.getStatus().getDescription())
                                .isEqualTo("a Raft message that names org9-node0 as its sender, from the TLS certificate of "
                                        + node.nodeId());
                    });
            assertThat(network.admin(node).status().getChannels(0).getRaftTerm()).isEqualTo(term);

            // Under its own name it passes the guard, and Raft itself answers: a stale term gets no vote.
            try {
                assertThat(requestVote(node, own.tlsKey(), own.tlsCertificate(), network.tlsRoots(), node.nodeId(), 0)
                        .getServerReply().getSuccess()).isFalse();
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isNotEqualTo(Status.Code.PERMISSION_DENIED);
            }
            assertThat(commit(network, "after").blockNumber()).isPositive();
        }
    }

    private static org.apache.ratis.proto.RaftProtos.RequestVoteReplyProto requestVote(
            MiniNode node, PrivateKey key, X509Certificate certificate, List<X509Certificate> roots, String sender,
            long term) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", node.raftPort())
                .sslContext(GrpcSslContexts.forClient().keyManager(key, certificate)
                        .trustManager(roots.toArray(X509Certificate[]::new)).build())
                .build();
        try {
            RaftRpcRequestProto rpc = RaftRpcRequestProto.newBuilder()
                    .setRequestorId(ByteString.copyFromUtf8(sender))
                    .setReplyId(ByteString.copyFromUtf8(node.nodeId()))
                    .setRaftGroupId(org.apache.ratis.proto.RaftProtos.RaftGroupIdProto.newBuilder()
                            .setId(RaftNode.groupId(CHANNEL).toByteString()))
                    .setCallId(1)
                    .build();
            return RaftServerProtocolServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .requestVote(RequestVoteRequestProto.newBuilder().setServerRequest(rpc)
                            .setCandidateTerm(term).build());
        } finally {
            channel.shutdownNow();
        }
    }

    private static RaftClient ratisClient(RaftGroup group, PrivateKey key, X509Certificate certificate,
                                          List<X509Certificate> roots) {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, TimeDuration.valueOf(30, TimeUnit.SECONDS));
        Parameters parameters = new Parameters();
        GrpcConfigKeys.TLS.setConf(parameters, new GrpcTlsConfig(key, certificate, roots, true));
        return RaftClient.newBuilder().setRaftGroup(group).setProperties(properties).setParameters(parameters)
                .setClientId(org.apache.ratis.protocol.ClientId.randomId())
                .setRetryPolicy(RetryPolicies.noRetry()).build();
    }

    private static SubmitResult commit(MiniNetwork network, String text) {
        return network.gateway(0).channel(CHANNEL).contract("notarization")
                .submit("record", Hashes.hex(Hashes.sha256().digest((text + System.nanoTime()).getBytes())), text);
    }
}
