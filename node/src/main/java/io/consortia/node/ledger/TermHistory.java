package io.consortia.node.ledger;

import io.consortia.node.storage.Bytes;
import io.consortia.node.storage.KeyValueStorage;
import io.consortia.node.storage.WriteBatch;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The Raft term of every log index the ledger applied, kept as the first applied index of each
 * term (terms only grow along the log, and change only at elections, so this stays a few keys).
 *
 * <p>Why the ledger keeps it: once Raft purged its log, the term of the entry just before the
 * log's first one is gone, and a leader that cannot name it cannot append to a follower that
 * stopped right there (see {@code ChannelStateMachine#getLatestSnapshot}). Each term start is
 * written in the same batch as the applied index it comes with, so a checkpoint copied from a
 * peer brings the history of the entries it holds.
 */
final class TermHistory {
    private final KeyValueStorage storage;
    /** First applied index of a term → the term. */
    private final ConcurrentSkipListMap<Long, Long> starts = new ConcurrentSkipListMap<>();

    TermHistory(KeyValueStorage storage, ChainState chain) {
        this.storage = storage;
        storage.forEachWithPrefix(LedgerKeys.META, LedgerKeys.TERM_STARTS, (key, value) -> {
            if (!startsWith(key, LedgerKeys.TERM_STARTS)) {
                return false;
            }
            starts.put(Bytes.bytesToLong(Arrays.copyOfRange(key, LedgerKeys.TERM_STARTS.length, key.length)),
                    Bytes.bytesToLong(value));
            return true;
        });
        if (starts.isEmpty() && chain.appliedIndex() >= 0) {
            // a ledger written before the history was kept: only the applied entry's term is known
            starts.put(chain.appliedIndex(), chain.appliedTerm());
        }
    }

    /** Adds to {@code batch} the start of {@code term} when the entry at {@code index} opens it. */
    void record(WriteBatch batch, ChainState before, long term, long index) {
        if (term != before.appliedTerm() && index >= 0) {
            batch.put(LedgerKeys.META, LedgerKeys.termStart(index), Bytes.longToBytes(term));
        }
    }

    /** Call once the batch of {@link #record} was written. */
    void recorded(ChainState before, long term, long index) {
        if (term != before.appliedTerm() && index >= 0) {
            starts.put(index, term);
        }
    }

    /** The term of the applied entry at {@code index}; empty when this ledger cannot tell. */
    OptionalLong termAt(long index, ChainState chain) {
        if (index < 0 || index > chain.appliedIndex()) {
            return OptionalLong.empty();
        }
        Map.Entry<Long, Long> start = starts.floorEntry(index);
        return start == null ? OptionalLong.empty() : OptionalLong.of(start.getValue());
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length == prefix.length + Long.BYTES
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
