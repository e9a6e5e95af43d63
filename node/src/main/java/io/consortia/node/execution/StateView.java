package io.consortia.node.execution;

import io.consortia.node.ledger.ChannelLedger;
import java.util.Optional;
import java.util.function.BiPredicate;

/** Read access to (a layer of) the world state, keys in unsigned byte order. */
interface StateView {
    Optional<byte[]> get(byte[] key);

    /** Visits keys with the prefix in ascending order until the visitor returns false. */
    void forEach(byte[] prefix, BiPredicate<byte[], byte[]> visitor);

    /** The committed state of a ledger. */
    static StateView of(ChannelLedger ledger) {
        return new StateView() {
            @Override
            public Optional<byte[]> get(byte[] key) {
                return ledger.state(key);
            }

            @Override
            public void forEach(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
                ledger.forEachState(prefix, visitor);
            }
        };
    }
}
