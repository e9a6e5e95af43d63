package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Hashes;
import io.consortia.node.consensus.RaftNode;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A channel whose Raft group fails to start on a node (found by a tester: the eighth channel ran out
 * of direct memory) stayed half-open there: stored and listed, no Raft member, and creating it again
 * answered "created" without starting one, so the channel never ordered anything on that node. Here
 * the group's storage directory is made unusable (a file where Ratis makes its directory), then the
 * cause is removed and the same creation is asked again, as the platform does.
 */
class ChannelCreationRetryIT {

    @Test
    void creating_a_channel_again_after_its_raft_group_failed_to_start_starts_it() throws Exception {
        try (MiniNetwork network = MiniNetwork.builder().organizations(1).channel("main").processes(true).start()) {
            MiniNode node = network.nodes().get(0);
            ChannelConfig second = network.currentConfig().toBuilder().setName("second").build();
            Path groupDir = node.dataDir().resolve("raft").resolve(RaftNode.groupId("second").getUuid().toString());
            Files.writeString(groupDir, "not a directory");

            assertThatThrownBy(() -> network.admin(node).createChannel(second))
                    .hasMessageContaining("second");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.metricsPort() + "/health")).build(), BodyHandlers.ofString());
            assertThat(health.statusCode()).as("a restart would not cure the cause: not DOWN").isEqualTo(200);
            assertThat(health.body()).as("the node says which channel it does not follow, and why")
                    .contains("failedChannels").contains("second").contains("its Raft group did not start");

            Files.delete(groupDir);
            network.admin(node).createChannel(second);

            await("the node leads the channel created again").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> network.admin(node).status()
                            .getChannelsList().stream().filter(c -> c.getName().equals("second"))
                            .map(ChannelStatus::getRaftRole).findFirst().orElse("").equals("LEADER"));
            var channel = network.gateway(0).channel("second");
            String id = channel.contract("notarization")
                    .submit("record", Hashes.hex(Hashes.sha256().digest("again".getBytes())), "created again")
                    .transactionId();
            assertThat(channel.transaction(id).getTransaction().getCode()).isEqualTo(ValidationCode.VALID);
        }
    }
}
