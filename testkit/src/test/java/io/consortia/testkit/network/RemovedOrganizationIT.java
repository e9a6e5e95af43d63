package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.ChainInfoRequest;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.Subscription;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import io.consortia.testkit.NodeCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An organisation removed from a channel no longer reads it: the channel's committed configuration
 * decides who reads, and an open block subscription ends with PERMISSION_DENIED instead of resuming
 * against the refusal. Its certificates no longer complete a new TLS handshake with the remaining
 * nodes either, although their configured TLS roots (written when they were installed) list its
 * root, and still not after such a node restarts with the same file.
 */
class RemovedOrganizationIT {
    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private MiniNetwork network;

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void a_removed_organisation_reads_nothing_more_and_its_open_stream_ends() {
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true).start();
        MiniNode reader = network.node("org1-node0");
        // org3 reads through org1's node with org3's own TLS client certificate
        Channel org3 = network.gateway(reader, "org3").channel("main");
        assertThat(org3.chainInfo().getHeight()).isPositive();
        // the SDK's subscription ends, telling its handler once, when the node refuses org3 (it no longer resumes)
        List<Block> streamed = new CopyOnWriteArrayList<>();
        List<GatewayException> ended = new CopyOnWriteArrayList<>();
        Subscription subscription = org3.subscribeBlocks(org3.chainInfo().getHeight(), streamed::add, ended::add);

        MiniNode org3Node = network.node("org3-node0");
        network.demote(org3Node);
        network.removePeer(org3Node);
        assertThat(network.changeConfig(c -> c.removeOrganization("org3"), List.of("org1", "org2")).getCode())
                .isEqualTo(ValidationCode.VALID);
        long version = network.currentConfig().getVersion();
        await().atMost(CONVERGE).until(() -> network.gateway(reader, "org1").channel("main").config().getConfig()
                .getVersion() == version);

        GatewayException refused = catchThrowableOfType(GatewayException.class, org3::chainInfo);
        assertThat(refused).as("org3 still reads main after its removal").isNotNull();
        assertThat(refused.status()).map(Status::getCode).contains(Status.Code.PERMISSION_DENIED);
        assertThat(refused.getMessage()).contains("channel main is readable by its organisations only (org1, org2)");
        assertThat(catchThrowableOfType(GatewayException.class, () -> org3.blockByNumber(1)).status())
                .map(Status::getCode).contains(Status.Code.PERMISSION_DENIED);
        // the stream opened before the removal ends at the next block
        network.gateway(reader, "org1").channel("main").contract("notarization").submit("record",
                "ab".repeat(32), "after the removal");
        await().atMost(CONVERGE).until(subscription::isClosed);
        assertThat(ended).singleElement().satisfies(e ->
                assertThat(e.status()).map(Status::getCode).contains(Status.Code.PERMISSION_DENIED));
        assertThat(streamed).as("the configuration changes' blocks, streamed while org3 was a member").isNotEmpty();

        NodeCredentials removedNode = network.credentials(org3Node);
        NodeCredentials remainingNode = network.credentials(network.node("org2-node0"));
        assertThat(handshakeRefusal(reader, removedNode)).as("a new TLS connection of org3's node to org1's")
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(handshakeRefusal(reader, remainingNode)).as("org2 still connects").isNull();
        reader.restart(); // its node.yaml still names the bundle with org3's root
        assertThat(handshakeRefusal(reader, removedNode)).as("after a restart").isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(handshakeRefusal(reader, remainingNode)).as("org2 after a restart").isNull();
    }

    /** How a new connection presenting the node's TLS certificate fails (null: it reads the chain). */
    private Status.Code handshakeRefusal(MiniNode node, NodeCredentials as) {
        ManagedChannel channel = network.connect(node, as.tlsCertificate(), as.tlsKey());
        try {
            LedgerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .getChainInfo(ChainInfoRequest.newBuilder().setChannel("main").build());
            return null;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        } finally {
            channel.shutdownNow();
        }
    }
}
