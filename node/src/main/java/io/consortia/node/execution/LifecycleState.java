package io.consortia.node.execution;

import io.consortia.node.contracts.lifecycle.LifecycleContract;
import io.consortia.node.ledger.ChannelLedger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads of the lifecycle contract's state (its namespace, see {@link TransactionContext}) by key,
 * for dispatching calls to user contracts: from the committed ledger at admission and evaluation,
 * from the block's overlay at execution (so a definition committed earlier in the block is in force
 * for the transactions after it, on every node alike).
 */
public final class LifecycleState {
    private static final byte[] NAMESPACE = (LifecycleContract.NAME + "\0").getBytes(StandardCharsets.UTF_8);

    private LifecycleState() {}

    /** The committed lifecycle state of {@code ledger}. */
    public static Function<String, Optional<byte[]>> committed(ChannelLedger ledger) {
        return of(StateView.of(ledger));
    }

    static Function<String, Optional<byte[]>> of(StateView state) {
        return key -> {
            byte[] suffix = key.getBytes(StandardCharsets.UTF_8);
            byte[] full = new byte[NAMESPACE.length + suffix.length];
            System.arraycopy(NAMESPACE, 0, full, 0, NAMESPACE.length);
            System.arraycopy(suffix, 0, full, NAMESPACE.length, suffix.length);
            return state.get(full);
        };
    }
}
