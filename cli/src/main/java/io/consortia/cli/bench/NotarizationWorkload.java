package io.consortia.cli.bench;

import io.consortia.protocol.v1.Transaction;
import io.consortia.sdk.Channel;
import java.util.List;

/**
 * {@code notarization.record(hash, metadata)} with a hash no other transaction of any run uses:
 * the SHA-256 of a random run id, the client index and a counter ({@link DocumentHash}). Every
 * transaction is independent (no key is touched twice), so this measures the pipeline, not contention.
 */
final class NotarizationWorkload implements Workload {
    private final long run;

    NotarizationWorkload(long run) {
        this.run = run;
    }

    @Override
    public String name() {
        return "notarization";
    }

    @Override
    public String description() {
        return "notarization.record(unique 64-hex hash, \"bench\") — one new document per transaction";
    }

    @Override
    public Client client(int index, Channel channel, String organization, List<String> organizations) {
        return new PresignedClient() {
            private long seq;

            @Override
            Transaction sign() {
                String hash = DocumentHash.of(run, index, seq++, 0xbe7c4L);
                return channel.newTransaction("notarization", "record", hash, "bench");
            }
        };
    }
}
