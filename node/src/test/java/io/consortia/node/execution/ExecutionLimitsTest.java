package io.consortia.node.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.protocol.v1.ChannelLimits;
import org.junit.jupiter.api.Test;

class ExecutionLimitsTest {

    @Test
    void a_channels_non_zero_limits_replace_the_nodes_and_zero_keeps_them() {
        ExecutionLimits node = new ExecutionLimits(1000, 60_000, 8);

        assertThat(node.overriddenBy(ChannelLimits.getDefaultInstance())).isEqualTo(node);
        assertThat(node.overriddenBy(ChannelLimits.newBuilder().setMaxTransactionBytes(500).build()))
                .isEqualTo(new ExecutionLimits(500, 60_000, 8));
        assertThat(node.overriddenBy(ChannelLimits.newBuilder().setTimestampWindowMillis(5_000).build()))
                .isEqualTo(new ExecutionLimits(1000, 5_000, 8));
        // uint32 on the wire: values above 2^31 - 1 arrive negative in Java and are capped, not ignored
        assertThat(node.overriddenBy(ChannelLimits.newBuilder().setMaxTransactionBytes(-1).build()).maxTransactionBytes())
                .isEqualTo(Integer.MAX_VALUE);
    }
}
