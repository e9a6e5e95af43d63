package io.consortia.node.ledger;

import io.consortia.node.storage.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where the ledger keeps what, inside its {@link io.consortia.node.storage.KeyValueStorage}.
 * Numbers are big-endian so iteration by prefix runs in block order.
 */
final class LedgerKeys {
    /** Block number (8 bytes) → serialized {@code Block}, hash field set. */
    static final String BLOCKS = "blocks";
    /** Block hash → block number (8 bytes). */
    static final String BLOCK_HASHES = "block_hashes";
    /** Transaction id (UTF-8 hex) → block number (8 bytes) + index in block (4 bytes). */
    static final String TRANSACTIONS = "transactions";
    /** World state: contract-namespaced key → value. */
    static final String STATE = "state";
    /** Ledger metadata: {@link #CHAIN} and {@link #CONFIG}. */
    static final String META = "meta";

    static final List<String> COLUMNS = List.of(BLOCKS, BLOCK_HASHES, TRANSACTIONS, STATE, META);

    static final byte[] CHAIN = "chain".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CONFIG = "genesis_config".getBytes(StandardCharsets.US_ASCII);
    /** The configuration in force: a serialized {@code ChannelConfigInfo}. Absent before the first change. */
    static final byte[] CURRENT_CONFIG = "config".getBytes(StandardCharsets.US_ASCII);
    /** This prefix + version (8 bytes) → serialized {@code ChannelConfigInfo} of every version since the genesis. */
    static final byte[] CONFIG_HISTORY = "config_history/".getBytes(StandardCharsets.US_ASCII);
    /** This prefix + the first applied log index of a Raft term (8 bytes) → the term (8 bytes); see {@link TermHistory}. */
    static final byte[] TERM_STARTS = "term_start/".getBytes(StandardCharsets.US_ASCII);

    private LedgerKeys() {}

    static byte[] blockNumber(long number) {
        return Bytes.longToBytes(number);
    }

    static byte[] configVersion(long version) {
        byte[] key = new byte[CONFIG_HISTORY.length + Long.BYTES];
        System.arraycopy(CONFIG_HISTORY, 0, key, 0, CONFIG_HISTORY.length);
        System.arraycopy(Bytes.longToBytes(version), 0, key, CONFIG_HISTORY.length, Long.BYTES);
        return key;
    }

    static byte[] termStart(long index) {
        byte[] key = new byte[TERM_STARTS.length + Long.BYTES];
        System.arraycopy(TERM_STARTS, 0, key, 0, TERM_STARTS.length);
        System.arraycopy(Bytes.longToBytes(index), 0, key, TERM_STARTS.length, Long.BYTES);
        return key;
    }

    static byte[] transactionId(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] transactionLocation(long blockNumber, int index) {
        return ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(blockNumber).putInt(index).array();
    }

    /** Decodes {@link #transactionLocation}: [block number, index]. */
    static long[] decodeLocation(byte[] value) {
        if (value.length != Long.BYTES + Integer.BYTES) {
            throw new LedgerException("corrupt transaction index entry (" + value.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(value);
        return new long[] {in.getLong(), in.getInt()};
    }
}
