package io.consortia.cli.bench;

import io.consortia.crypto.Hashes;
import java.nio.ByteBuffer;

/**
 * The document hash a notarization transaction records: unique per run, client and counter, and
 * spread like a real document's SHA-256. A readable hex of run, client and counter (as before)
 * made one client's keys consecutive, so a call of 100 wrote 100 neighbouring keys and RocksDB's
 * memtable inserted them almost for free; calls of one interleave the clients and paid full price.
 * Real documents hash uniformly, so the bench measures that.
 */
final class DocumentHash {
    private DocumentHash() {}

    static String of(long run, long client, long seq, long workload) {
        byte[] input = ByteBuffer.allocate(4 * Long.BYTES).putLong(run).putLong(client).putLong(seq)
                .putLong(workload).array();
        return Hashes.hex(Hashes.sha256().digest(input));
    }
}
