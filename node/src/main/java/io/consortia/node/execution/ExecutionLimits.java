package io.consortia.node.execution;

/**
 * Limits every node of a channel applies to each transaction; they must be the same on all
 * nodes of a channel, or nodes would reach different validation codes.
 *
 * @param maxTransactionBytes   serialized size of a {@code Transaction} (payload + signature); larger ones are PAYLOAD_TOO_LARGE
 * @param timestampWindowMillis how far a payload's timestamp may be from the node's clock at admission (from the batch timestamp at execution), either way
 * @param maxArgs               arguments per call; more is MALFORMED
 */
public record ExecutionLimits(int maxTransactionBytes, long timestampWindowMillis, int maxArgs) {
    public ExecutionLimits {
        if (maxTransactionBytes <= 0 || timestampWindowMillis <= 0 || maxArgs < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxTransactionBytes + ", "
                    + timestampWindowMillis + ", " + maxArgs);
        }
    }

    /** These limits with the channel's non-zero values in place of the node's (ChannelConfig.limits). */
    public ExecutionLimits overriddenBy(io.consortia.protocol.v1.ChannelLimits channel) {
        long maxBytes = Integer.toUnsignedLong(channel.getMaxTransactionBytes()); // uint32 on the wire
        return new ExecutionLimits(
                maxBytes > 0 ? (int) Math.min(Integer.MAX_VALUE, maxBytes) : maxTransactionBytes,
                channel.getTimestampWindowMillis() > 0 ? channel.getTimestampWindowMillis() : timestampWindowMillis,
                maxArgs);
    }

    /** 1 MiB per transaction, ±10 minutes, 64 arguments. */
    public static ExecutionLimits defaults() {
        return new ExecutionLimits(1024 * 1024, 10 * 60 * 1000L, 64);
    }
}
