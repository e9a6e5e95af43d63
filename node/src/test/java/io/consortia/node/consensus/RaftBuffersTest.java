package io.consortia.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.node.config.NodeConfig;
import java.nio.file.Path;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;

/**
 * The direct memory each channel's Raft log reserves, and what it must hold. Ratis allocates its
 * write buffer per group; at 33 MiB a node on the default 256 MiB heap failed its eighth channel
 * with "Cannot reserve 34603008 bytes of direct buffer memory" (found by a tester creating channels).
 */
class RaftBuffersTest {
    private static NodeConfig config(NodeConfig.Batching batching, NodeConfig.Limits limits) {
        return new NodeConfig("n1", "org1", Path.of("/tmp/unused"), null, null, null,
                new NodeConfig.Raft("127.0.0.1", 1, 0, 30_000, 60_000, 0), null, batching, limits);
    }

    @Test
    void with_the_defaults_a_channel_reserves_7_mib_so_a_256_mib_node_serves_about_30() {
        RaftProperties properties = RaftNode.properties(config(null, null));

        long writeBuffer = RaftServerConfigKeys.Log.writeBufferSize(properties).getSize();
        assertThat(writeBuffer).isEqualTo(7L << 20);
        assertThat((256L << 20) / writeBuffer).isGreaterThanOrEqualTo(30);
    }

    @Test
    void the_largest_batch_fits_every_buffer_and_ratis_own_rule_holds() {
        NodeConfig config = config(new NodeConfig.Batching(5000, 16 << 20, 5, 1),
                new NodeConfig.Limits(2 << 20, 0, 0));
        RaftProperties properties = RaftNode.properties(config);

        // a batch closes at maxBytes: one byte short of it, plus the largest transaction
        long largestBatch = (16L << 20) - 1 + (2L << 20);
        long appenderLimit = RaftServerConfigKeys.Log.Appender.bufferByteLimit(properties).getSize();
        assertThat(appenderLimit).isGreaterThan(largestBatch);
        // SegmentedRaftLogWorker refuses to start a group whose write buffer is below the appender's limit + 8
        assertThat(RaftServerConfigKeys.Log.writeBufferSize(properties).getSize()).isGreaterThanOrEqualTo(appenderLimit + 8);
    }
}
