package io.consortia.node.execution;

import io.consortia.node.ledger.ConfigChange;
import io.consortia.node.ledger.StateWrite;
import io.consortia.protocol.v1.Block;
import java.util.List;

/**
 * A block built by {@link BlockExecutor}, the state writes to commit with it (one per key, sorted
 * by key) and the configuration change it commits, or null.
 */
public record ExecutedBlock(Block block, List<StateWrite> writes, ConfigChange configChange) {
    public ExecutedBlock {
        writes = List.copyOf(writes);
    }

    public ExecutedBlock(Block block, List<StateWrite> writes) {
        this(block, writes, null);
    }
}
