package io.consortia.node.execution;

import io.consortia.node.ledger.StateWrite;
import io.consortia.protocol.v1.Block;
import java.util.List;

/** A block built by {@link BlockExecutor} and the state writes to commit with it (one per key, sorted by key). */
public record ExecutedBlock(Block block, List<StateWrite> writes) {
    public ExecutedBlock {
        writes = List.copyOf(writes);
    }
}
