package io.consortia.node.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.MerkleTree;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.SignatureScheme;
import io.consortia.protocol.v1.ValidationCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds blocks that extend a ledger, for ledger tests that do not need real transactions:
 * transaction ids are hashes of labels, codes default to VALID.
 */
public final class TestBlocks {
    static final String CHANNEL = "ledger-test";

    private final ChannelLedger ledger;
    private final List<BlockTransaction> transactions = new ArrayList<>();
    private final java.util.TreeMap<byte[], StateWrite> writes = new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
    private long timestamp = 1_700_000_100_000L;

    private TestBlocks(ChannelLedger ledger) {
        this.ledger = ledger;
    }

    static ChannelConfig config() {
        return config(CHANNEL, SignatureScheme.ECDSA_P256_SHA256);
    }

    static ChannelConfig config(String channel, SignatureScheme scheme) {
        return ChannelConfig.newBuilder().setName(channel).setScheme(scheme).setCreatedMillis(1_700_000_000_000L).build();
    }

    /** A block that follows {@code ledger}'s current head. */
    public static TestBlocks next(ChannelLedger ledger) {
        return new TestBlocks(ledger);
    }

    static String id(HashFunction hash, String label) {
        return Hashes.hex(hash.digest(label.getBytes(UTF_8)));
    }

    public TestBlocks tx(String label) {
        return tx(label, ValidationCode.VALID);
    }

    TestBlocks tx(String label, ValidationCode code) {
        transactions.add(BlockTransaction.newBuilder().setTransactionId(id(ledger.hash(), label)).setCode(code).build());
        return this;
    }

    TestBlocks put(String key, String value) {
        writes.put(key.getBytes(UTF_8), StateWrite.put(key.getBytes(UTF_8), value.getBytes(UTF_8)));
        return this;
    }

    TestBlocks delete(String key) {
        writes.put(key.getBytes(UTF_8), StateWrite.delete(key.getBytes(UTF_8)));
        return this;
    }

    /** One write per key, sorted, as the ledger expects. */
    List<StateWrite> writes() {
        return List.copyOf(writes.values());
    }

    Block block() {
        return block(ledger.height(), ledger.currentHash());
    }

    Block block(long number, byte[] previousHash) {
        HashFunction hash = ledger.hash();
        List<byte[]> leaves = new ArrayList<>();
        transactions.forEach(tx -> leaves.add(Hashes.fromHex(tx.getTransactionId())));
        BlockHeader header = BlockHeader.newBuilder()
                .setChannel(ledger.config().getName())
                .setNumber(number)
                .setPreviousHash(ByteString.copyFrom(previousHash))
                .setTransactionsRoot(ByteString.copyFrom(MerkleTree.root(hash, leaves)))
                .setStateHash(ByteString.copyFrom(StateWrites.hash(hash, writes())))
                .setTimestampMillis(timestamp++)
                .setTransactionCount(transactions.size())
                .build();
        return Block.newBuilder().setHeader(header).addAllTransactions(transactions)
                .setHash(ByteString.copyFrom(ChannelLedger.blockHash(hash, header))).build();
    }

    /** Commits the block at the given Raft position and returns it. */
    public Block commit(long term, long index) {
        Block block = block();
        ledger.commit(block, writes(), term, index);
        return block;
    }
}
