package io.consortia.cli.bench;

import io.consortia.protocol.v1.Transaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A client whose transactions depend on no earlier answer, so any number can be signed ahead:
 * {@link #next} hands out the pre-signed ones first and signs the rest as it goes.
 */
abstract class PresignedClient implements Workload.Client {
    private final ArrayDeque<Transaction> ready = new ArrayDeque<>();
    private long live;

    /** Builds and signs the client's next transaction. */
    abstract Transaction sign();

    @Override
    public final List<Transaction> next(int count) {
        List<Transaction> txs = new ArrayList<>(count);
        while (txs.size() < count && !ready.isEmpty()) {
            txs.add(ready.poll());
        }
        while (txs.size() < Math.max(1, count)) {
            txs.add(sign());
            live++;
        }
        return txs;
    }

    @Override
    public final int presign(int count) {
        for (int i = 0; i < count; i++) {
            ready.add(sign());
        }
        return count;
    }

    @Override
    public final long signedDuringRun() {
        return live;
    }
}
