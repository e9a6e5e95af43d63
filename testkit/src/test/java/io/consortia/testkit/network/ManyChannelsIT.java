package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node started as the local deployer starts it (a 256 MiB heap, which also bounds its direct
 * memory) serves a dozen channels. Each channel's Raft log reserved a 33 MiB direct write buffer, so
 * the eighth channel failed to start ("Cannot reserve 34603008 bytes of direct buffer memory") and
 * was left half-open on the node (found by a tester creating channels on the platform).
 */
class ManyChannelsIT {
    private static final int CHANNELS = 12;

    @Test
    void a_node_with_the_deployers_heap_serves_a_dozen_channels_and_commits_on_the_last() {
        try (MiniNetwork network = MiniNetwork.builder().organizations(1).channel("main").processes(true)
                .nodeJvmOptions("-Xmx256m", "-XX:+UseSerialGC").start()) {
            MiniNode node = network.nodes().get(0);
            ChannelConfig main = network.currentConfig();
            for (int i = 2; i <= CHANNELS; i++) {
                network.admin(node).createChannel(main.toBuilder().setName("ch" + i).build());
            }

            await("every channel led by the node").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> {
                        List<ChannelStatus> channels = network.admin(node).status().getChannelsList();
                        return channels.size() == CHANNELS
                                && channels.stream().allMatch(c -> c.getRaftRole().equals("LEADER"));
                    });
            String last = "ch" + CHANNELS;
            var channel = network.gateway(0).channel(last);
            String id = channel.contract("notarization")
                    .submit("record", Hashes.hex(Hashes.sha256().digest(last.getBytes())), "the last channel")
                    .transactionId();
            assertThat(channel.transaction(id).getTransaction().getCode()).isEqualTo(ValidationCode.VALID);
        }
    }
}
