package io.consortia.node.ledger;

import io.consortia.protocol.v1.ChannelConfig;
import java.util.Objects;

/**
 * A configuration change committed by a block: the new configuration (its version is the
 * next one) and the id of the transaction that made it. {@link ChannelLedger#commit} stores it
 * in the same synced write as the block.
 */
public record ConfigChange(ChannelConfig config, String transactionId) {
    public ConfigChange {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(transactionId, "transactionId");
    }
}
