package io.consortia.node.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.MerkleTree;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.storage.Bytes;
import io.consortia.node.storage.KeyValueStorage;
import io.consortia.node.storage.WriteBatch;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelConfigInfo;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.ValidationCode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The ledger of one channel: its blocks, the block-hash and transaction-id indexes, the world
 * state and the chain metadata, all in one {@link KeyValueStorage} that this object owns
 * (and closes). Open the storage with {@link #COLUMNS}:
 *
 * <pre>{@code
 * KeyValueStorage storage = RocksDbKeyValueStorage.open(dir, ChannelLedger.COLUMNS);
 * try (ChannelLedger ledger = ChannelLedger.open(storage, config)) { ... }
 * }</pre>
 *
 * <p>Threading: one writer (the channel's apply thread) calls {@link #commit} and
 * {@link #recordApplied}; any thread may read. Metadata is one immutable snapshot behind a
 * volatile field, replaced only after the synced write returned, so readers never see a
 * height whose block is not yet stored.
 *
 * <p>Transaction index: a transaction id is indexed (and so counts for replay detection and
 * can be looked up with {@link #transaction}) when {@link #isIndexed(ValidationCode)} holds,
 * i.e. when the transaction was authenticated (its creator's signature and certificate
 * checked out) and was not itself a duplicate. Unauthenticated entries stay in their block
 * but do not claim their id: otherwise a copy of someone's transaction with a garbage
 * signature, ordered first, would make the genuine one a "duplicate".
 *
 * <p>Configuration: the genesis configuration is version 1 (one stored as version 0 by an older
 * release is read as 1). A block that commits a configuration change stores the new version as
 * the current configuration and in the history by version, with its block number and transaction
 * id, in the block's own synced write ({@link #commit(Block, List, long, long, ConfigChange)}).
 */
public final class ChannelLedger implements AutoCloseable {
    /** The columns the storage must be opened with. */
    public static final List<String> COLUMNS = LedgerKeys.COLUMNS;

    private final KeyValueStorage storage;
    private final ChannelConfig genesis;
    private final HashFunction hash;
    private volatile ChainState chain;
    /** The configuration in force, replaced (after the synced write) by a block that changes it. */
    private volatile ChannelConfigInfo current;
    /** Timestamp of block {@code height() - 1}; Long.MIN_VALUE until first read (see {@link #lastBlockTimestampMillis}). */
    private volatile long lastBlockTimestamp = Long.MIN_VALUE;
    private final TermHistory terms;

    private ChannelLedger(KeyValueStorage storage, ChannelConfig genesis, HashFunction hash, ChainState chain) {
        this.storage = storage;
        this.terms = new TermHistory(storage, chain);
        this.genesis = withVersion(genesis);
        this.hash = hash;
        this.chain = chain;
        this.current = storage.get(LedgerKeys.META, LedgerKeys.CURRENT_CONFIG).map(ChannelLedger::parseConfigInfo)
                .orElseGet(() -> genesisInfo(this.genesis));
    }

    /** Configurations written before versions existed carry version 0: they are version 1. */
    private static ChannelConfig withVersion(ChannelConfig config) {
        return config.getVersion() == 0 ? config.toBuilder().setVersion(1).build() : config;
    }

    private static ChannelConfigInfo genesisInfo(ChannelConfig genesis) {
        return ChannelConfigInfo.newBuilder().setConfig(genesis).setBlockNumber(0).build();
    }

    /**
     * Opens the ledger, writing the genesis block (applied term/index 0/-1) if the storage is
     * empty. Refuses a storage that holds another channel's ledger.
     */
    public static ChannelLedger open(KeyValueStorage storage, ChannelConfig config) {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(config, "config");
        if (config.getName().isEmpty()) {
            throw new LedgerException("channel config has no name");
        }
        HashFunction hash = ChannelSchemes.signatureScheme(config).hash();
        Optional<byte[]> stored = storage.get(LedgerKeys.META, LedgerKeys.CHAIN);
        if (stored.isPresent()) {
            // the stored genesis is authoritative: a checkpoint installed from a peer brings its own
            ChannelConfig genesis = storage.get(LedgerKeys.META, LedgerKeys.CONFIG).map(ChannelLedger::parseConfig)
                    .orElse(config);
            ChannelLedger ledger = new ChannelLedger(storage, genesis, hash, ChainState.decode(stored.get()));
            String channel = ledger.block(0).map(b -> b.getHeader().getChannel()).orElse("<no genesis block>");
            if (!channel.equals(config.getName())) {
                throw new LedgerException("storage holds the ledger of channel " + channel + ", not " + config.getName());
            }
            return ledger;
        }
        ChainState empty = new ChainState(0, new byte[hash.length()], 0, 0, -1);
        ChannelLedger ledger = new ChannelLedger(storage, config, hash, empty);
        ledger.write(genesisBlock(config), List.of(), 0, -1, config.toByteArray(), null);
        return ledger;
    }

    /**
     * The genesis block every node derives from the same config: number 0, previous hash of
     * zeros, no transactions, timestamp = {@code created_millis}, transactions root = Merkle
     * root of no leaves, state hash = H(serialized config).
     */
    public static Block genesisBlock(ChannelConfig config) {
        HashFunction hash = ChannelSchemes.signatureScheme(config).hash();
        BlockHeader header = BlockHeader.newBuilder()
                .setChannel(config.getName())
                .setNumber(0)
                .setPreviousHash(ByteString.copyFrom(new byte[hash.length()]))
                .setTransactionsRoot(ByteString.copyFrom(MerkleTree.root(hash, List.of())))
                .setStateHash(ByteString.copyFrom(hash.digest(config.toByteArray())))
                .setTimestampMillis(config.getCreatedMillis())
                .setTransactionCount(0)
                .build();
        return Block.newBuilder().setHeader(header).setHash(ByteString.copyFrom(blockHash(hash, header))).build();
    }

    /** Block hash = H(serialized header). */
    public static byte[] blockHash(HashFunction hash, BlockHeader header) {
        return hash.digest(header.toByteArray());
    }

    /**
     * Whether a transaction with this code claims its id in the index (see the class comment).
     *
     * <p>Every verdict reached after the creator was authenticated claims it, whatever it is: a
     * call that trapped, ran out of fuel or was refused by the contract must never run again, or
     * anyone could copy it from its block and re-send it once the state lets it succeed, as its
     * creator (and an ordering retry would run it again in every re-ordered copy). So the list is of
     * what does <em>not</em> claim an id, and a code added later claims it unless it is added here.
     * Not claiming: the screening refusals (the creator is not known to have sent the payload; a
     * copy with a garbage signature ordered first must not make the genuine one a duplicate), a
     * duplicate itself, and a transaction whose output did not fit its block: it left nothing and
     * fits a later block where it comes first ({@code BlockOutput}).
     */
    public static boolean isIndexed(ValidationCode code) {
        return switch (code) {
            case VALIDATION_CODE_UNSPECIFIED, UNRECOGNIZED, MALFORMED, BAD_SIGNATURE, UNKNOWN_ORGANIZATION,
                    BAD_CERTIFICATE, DUPLICATE_TRANSACTION_ID, TIMESTAMP_OUT_OF_WINDOW, PAYLOAD_TOO_LARGE,
                    UNKNOWN_CHANNEL, UNKNOWN_CERTIFICATE, CERTIFICATE_REVOKED, OUTPUT_TOO_LARGE -> false;
            default -> true;
        };
    }

    /** The configuration in force: the latest committed version. */
    public ChannelConfig config() {
        return current.getConfig();
    }

    /** The configuration in force with the block and transaction that committed it. */
    public ChannelConfigInfo configInfo() {
        return current;
    }

    /** The genesis configuration (version 1). */
    public ChannelConfig genesisConfig() {
        return genesis;
    }

    /** A version of the configuration with where it was committed; empty for a version never committed. */
    public Optional<ChannelConfigInfo> configInfo(long version) {
        if (version == 1) {
            return Optional.of(genesisInfo(genesis));
        }
        if (version < 1 || version > current.getConfig().getVersion()) {
            return Optional.empty();
        }
        return storage.get(LedgerKeys.META, LedgerKeys.configVersion(version)).map(ChannelLedger::parseConfigInfo);
    }

    /**
     * The organisations that an earlier version of the configuration listed and the one in force
     * does not (by name), each as the last version that listed it described it.
     */
    public List<Organization> removedOrganizations() {
        ChannelConfig inForce = config();
        Set<String> members = new HashSet<>();
        inForce.getOrganizationsList().forEach(o -> members.add(o.getName()));
        Map<String, Organization> removed = new LinkedHashMap<>();
        for (long version = 1; version < inForce.getVersion(); version++) {
            configInfo(version).ifPresent(info -> info.getConfig().getOrganizationsList().stream()
                    .filter(o -> !members.contains(o.getName())).forEach(o -> removed.put(o.getName(), o)));
        }
        return List.copyOf(removed.values());
    }

    public HashFunction hash() {
        return hash;
    }

    public SignatureScheme scheme() {
        return ChannelSchemes.signatureScheme(genesis);
    }

    /** Number of blocks, genesis included. */
    public long height() {
        return chain.height();
    }

    /** Hash of block {@code height() - 1}. */
    public byte[] currentHash() {
        return chain.currentHash().clone();
    }

    /** Timestamp of the last block: the lower bound of the next block's (block time never goes back). */
    public long lastBlockTimestampMillis() {
        long t = lastBlockTimestamp;
        if (t == Long.MIN_VALUE) {
            long height = chain.height();
            t = height == 0 ? 0 : block(height - 1).map(b -> b.getHeader().getTimestampMillis()).orElse(0L);
            lastBlockTimestamp = t;
        }
        return t;
    }

    /** Committed transactions, valid or not. */
    public long transactionCount() {
        return chain.transactionCount();
    }

    public long appliedTerm() {
        return chain.appliedTerm();
    }

    /**
     * The Raft term of the applied log entry at {@code index}, from the terms' first indexes kept
     * with the chain; empty for an index not applied yet, or one this ledger cannot tell (applied
     * by a release that kept no history).
     */
    public OptionalLong termAt(long index) {
        return terms.termAt(index, chain);
    }

    /** Index of the last Raft log entry applied; -1 if none. */
    public long appliedIndex() {
        return chain.appliedIndex();
    }

    public Optional<Block> block(long number) {
        return storage.get(LedgerKeys.BLOCKS, LedgerKeys.blockNumber(number)).map(ChannelLedger::parseBlock);
    }

    public Optional<Block> blockByHash(byte[] blockHash) {
        return storage.get(LedgerKeys.BLOCK_HASHES, blockHash).flatMap(number -> block(Bytes.bytesToLong(number)));
    }

    public boolean containsTransaction(String transactionId) {
        return storage.get(LedgerKeys.TRANSACTIONS, LedgerKeys.transactionId(transactionId)).isPresent();
    }

    /** The transaction with its block header and a Merkle proof of inclusion against the header's transactions root. */
    public Optional<TransactionInfo> transaction(String transactionId) {
        return storage.get(LedgerKeys.TRANSACTIONS, LedgerKeys.transactionId(transactionId)).map(location -> {
            long[] at = LedgerKeys.decodeLocation(location);
            Block block = block(at[0]).orElseThrow(() -> new LedgerException("index names missing block " + at[0]));
            return TransactionProofs.info(hash, block, (int) at[1]);
        });
    }

    public Optional<byte[]> state(byte[] key) {
        return storage.get(LedgerKeys.STATE, key);
    }

    public void forEachState(byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        storage.forEachWithPrefix(LedgerKeys.STATE, prefix, visitor);
    }

    /**
     * Appends a block with its state writes and the Raft position it came from, in ONE synced
     * write batch, so a crash leaves either all of it or none of it.
     *
     * @throws LedgerException if the block does not extend the chain or the log index does not advance
     */
    public synchronized void commit(Block block, List<StateWrite> writes, long appliedTerm, long appliedIndex) {
        commit(block, writes, appliedTerm, appliedIndex, null);
    }

    /**
     * Like {@link #commit(Block, List, long, long)}, and when {@code change} is not null also stores
     * its configuration as the one in force and in the history, in the same synced write. The new
     * configuration's version must follow the current one.
     */
    public synchronized void commit(Block block, List<StateWrite> writes, long appliedTerm, long appliedIndex,
                                    ConfigChange change) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(writes, "writes");
        ChainState current = chain;
        BlockHeader header = block.getHeader();
        if (header.getNumber() != current.height()) {
            throw new LedgerException("block " + header.getNumber() + " does not follow height " + current.height());
        }
        if (!Arrays.equals(header.getPreviousHash().toByteArray(), current.currentHash())) {
            throw new LedgerException("block " + header.getNumber() + " does not link to the current block hash");
        }
        checkAdvances(current, appliedIndex);
        ChannelConfigInfo config = null;
        if (change != null) {
            long version = this.current.getConfig().getVersion();
            if (change.config().getVersion() != version + 1) {
                throw new LedgerException("configuration version " + change.config().getVersion()
                        + " does not follow version " + version);
            }
            config = ChannelConfigInfo.newBuilder().setConfig(change.config()).setBlockNumber(header.getNumber())
                    .setTransactionId(change.transactionId()).build();
        }
        write(block, writes, appliedTerm, appliedIndex, null, config);
    }

    /**
     * Records a Raft log entry that produced no block. Not synced: Ratis appends such an entry
     * (the new commit index) after every commit, and a synced write for each doubled the ledger's
     * fsyncs. Losing the record in a crash only makes Raft apply those entries again, which writes
     * nothing; the next block's synced write persists it anyway, and {@link #persistApplied} does
     * before Raft may purge its log up to this index.
     */
    public synchronized void recordApplied(long term, long index) {
        ChainState before = chain;
        checkAdvances(before, index);
        ChainState next = before.applied(term, index);
        try (WriteBatch batch = storage.newBatch()) {
            batch.put(LedgerKeys.META, LedgerKeys.CHAIN, next.encode());
            terms.record(batch, before, term, index);
            storage.write(batch, false);
        }
        terms.recorded(before, term, index);
        chain = next;
    }

    /** Makes the applied index durable (a small synced write): call before Raft purges its log up to it. */
    public synchronized void persistApplied() {
        writeChain(chain, true);
    }

    private void writeChain(ChainState state, boolean sync) {
        try (WriteBatch batch = storage.newBatch()) {
            batch.put(LedgerKeys.META, LedgerKeys.CHAIN, state.encode());
            storage.write(batch, sync);
        }
    }

    /** A consistent copy of the whole ledger (the Raft snapshot); {@code target} must not exist. */
    public void checkpoint(Path target) {
        storage.checkpoint(target);
    }

    /** Closes the underlying storage. */
    @Override
    public void close() {
        storage.close();
    }

    private void write(Block block, List<StateWrite> writes, long term, long index, byte[] genesisConfig,
                       ChannelConfigInfo config) {
        BlockHeader header = block.getHeader();
        byte[] blockHash = blockHash(hash, header);
        if (!block.getHash().isEmpty() && !Arrays.equals(blockHash, block.getHash().toByteArray())) {
            throw new LedgerException("block " + header.getNumber() + " carries a hash that is not H(header)");
        }
        Block stored = block.getHash().isEmpty() ? block.toBuilder().setHash(ByteString.copyFrom(blockHash)).build() : block;
        ChainState current = chain;
        ChainState next = new ChainState(current.height() + 1, blockHash,
                current.transactionCount() + block.getTransactionsCount(), term, index);
        try (WriteBatch batch = storage.newBatch()) {
            byte[] number = LedgerKeys.blockNumber(header.getNumber());
            batch.put(LedgerKeys.BLOCKS, number, stored.toByteArray());
            batch.put(LedgerKeys.BLOCK_HASHES, blockHash, number);
            Set<String> indexed = new HashSet<>();
            for (int i = 0; i < block.getTransactionsCount(); i++) {
                BlockTransaction tx = block.getTransactions(i);
                // first occurrence wins: a later put of the same key in the batch would overwrite it
                if (isIndexed(tx.getCode()) && indexed.add(tx.getTransactionId())) {
                    batch.put(LedgerKeys.TRANSACTIONS, LedgerKeys.transactionId(tx.getTransactionId()),
                            LedgerKeys.transactionLocation(header.getNumber(), i));
                }
            }
            for (StateWrite write : writes) {
                if (write.isDelete()) {
                    batch.delete(LedgerKeys.STATE, write.key());
                } else {
                    batch.put(LedgerKeys.STATE, write.key(), write.value());
                }
            }
            if (genesisConfig != null) {
                batch.put(LedgerKeys.META, LedgerKeys.CONFIG, genesisConfig);
            }
            if (config != null) {
                byte[] info = config.toByteArray();
                batch.put(LedgerKeys.META, LedgerKeys.CURRENT_CONFIG, info);
                batch.put(LedgerKeys.META, LedgerKeys.configVersion(config.getConfig().getVersion()), info);
            }
            batch.put(LedgerKeys.META, LedgerKeys.CHAIN, next.encode());
            terms.record(batch, current, term, index);
            storage.write(batch, true);
        }
        terms.recorded(current, term, index);
        if (config != null) {
            this.current = config;
        }
        chain = next;
        lastBlockTimestamp = header.getTimestampMillis();
    }

    private static void checkAdvances(ChainState current, long index) {
        if (index <= current.appliedIndex()) {
            throw new LedgerException("log index " + index + " was already applied (applied index " + current.appliedIndex() + ")");
        }
    }

    private static ChannelConfig parseConfig(byte[] bytes) {
        try {
            return ChannelConfig.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("corrupt genesis configuration in storage: " + e.getMessage(), e);
        }
    }

    private static ChannelConfigInfo parseConfigInfo(byte[] bytes) {
        try {
            return ChannelConfigInfo.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("corrupt channel configuration in storage: " + e.getMessage(), e);
        }
    }

    private static Block parseBlock(byte[] bytes) {
        try {
            return Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("corrupt block in storage: " + e.getMessage(), e);
        }
    }
}
