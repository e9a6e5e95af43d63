package io.consortia.node.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.Hashes;
import io.consortia.node.storage.InMemoryKeyValueStorage;
import io.consortia.node.storage.RocksDbKeyValueStorage;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.SignatureScheme;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.ValidationCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelLedgerTest {
    @TempDir
    Path temp;

    private ChannelLedger ledger = ChannelLedger.open(new InMemoryKeyValueStorage(ChannelLedger.COLUMNS), TestBlocks.config());

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void a_new_ledger_holds_only_the_genesis_block_and_nothing_applied() {
        Block genesis = ledger.block(0).orElseThrow();

        assertThat(ledger.height()).isEqualTo(1);
        assertThat(ledger.currentHash()).isEqualTo(genesis.getHash().toByteArray());
        assertThat(ledger.transactionCount()).isZero();
        assertThat(ledger.appliedTerm()).isZero();
        assertThat(ledger.appliedIndex()).isEqualTo(-1);
        assertThat(genesis).isEqualTo(ChannelLedger.genesisBlock(TestBlocks.config()));
    }

    @Test
    void the_genesis_block_is_derived_only_from_the_config() throws Exception {
        ChannelConfig config = TestBlocks.config();
        Block genesis = ChannelLedger.genesisBlock(config);

        assertThat(ChannelLedger.genesisBlock(ChannelConfig.parseFrom(config.toByteString()).toBuilder().build()))
                .isEqualTo(genesis);
        assertThat(genesis.getHeader().getNumber()).isZero();
        assertThat(genesis.getHeader().getPreviousHash().toByteArray()).isEqualTo(new byte[32]);
        assertThat(genesis.getHeader().getTimestampMillis()).isEqualTo(config.getCreatedMillis());
        assertThat(genesis.getHeader().getStateHash().toByteArray()).isEqualTo(Hashes.sha256().digest(config.toByteArray()));
        assertThat(genesis.getHash().toByteArray())
                .isEqualTo(ChannelLedger.blockHash(Hashes.sha256(), genesis.getHeader()))
                .isNotEqualTo(ChannelLedger.genesisBlock(config.toBuilder().setCreatedMillis(1).build()).getHash().toByteArray());
    }

    @Test
    void an_sm2_channel_hashes_its_blocks_with_sm3() {
        ChannelConfig config = TestBlocks.config("sm", SignatureScheme.SM2_SM3);

        Block genesis = ChannelLedger.genesisBlock(config);

        assertThat(genesis.getHash().toByteArray()).isEqualTo(Hashes.sm3().digest(genesis.getHeader().toByteArray()));
    }

    @Test
    void a_committed_block_moves_the_head_and_its_state_and_indexes_are_readable() {
        Block block = TestBlocks.next(ledger).tx("a").tx("b").put("k1", "v1").put("k2", "v2").commit(1, 5);

        assertThat(ledger.height()).isEqualTo(2);
        assertThat(ledger.currentHash()).isEqualTo(block.getHash().toByteArray());
        assertThat(ledger.transactionCount()).isEqualTo(2);
        assertThat(ledger.appliedTerm()).isEqualTo(1);
        assertThat(ledger.appliedIndex()).isEqualTo(5);
        assertThat(ledger.block(1)).contains(block);
        assertThat(ledger.blockByHash(block.getHash().toByteArray())).contains(block);
        assertThat(ledger.containsTransaction(TestBlocks.id(ledger.hash(), "b"))).isTrue();
        assertThat(ledger.state("k1".getBytes(UTF_8)).map(String::new)).contains("v1");
    }

    @Test
    void deletes_remove_state_and_prefix_iteration_sees_the_rest_in_order() {
        TestBlocks.next(ledger).put("p/2", "two").put("p/1", "one").put("q", "other").commit(1, 1);
        TestBlocks.next(ledger).delete("p/2").put("p/3", "three").commit(1, 2);

        List<String> seen = new ArrayList<>();
        ledger.forEachState("p/".getBytes(UTF_8), (key, value) -> seen.add(new String(key, UTF_8) + "=" + new String(value, UTF_8)));

        assertThat(seen).containsExactly("p/1=one", "p/3=three");
    }

    @Test
    void a_block_with_the_wrong_previous_hash_or_number_is_refused_and_changes_nothing() {
        Block wrongParent = TestBlocks.next(ledger).tx("a").block(1, new byte[32]);
        Block wrongNumber = TestBlocks.next(ledger).tx("a").block(2, ledger.currentHash());

        assertThatThrownBy(() -> ledger.commit(wrongParent, List.of(), 1, 1))
                .isInstanceOf(LedgerException.class).hasMessageContaining("current block hash");
        assertThatThrownBy(() -> ledger.commit(wrongNumber, List.of(), 1, 1))
                .isInstanceOf(LedgerException.class).hasMessageContaining("does not follow height 1");
        assertThat(ledger.height()).isEqualTo(1);
        assertThat(ledger.containsTransaction(TestBlocks.id(ledger.hash(), "a"))).isFalse();
    }

    @Test
    void a_block_whose_hash_field_is_not_the_header_hash_is_refused() {
        Block block = TestBlocks.next(ledger).block();
        Block forged = block.toBuilder().setHash(com.google.protobuf.ByteString.copyFrom(new byte[32])).build();

        assertThatThrownBy(() -> ledger.commit(forged, List.of(), 1, 1)).isInstanceOf(LedgerException.class);
    }

    @Test
    void a_log_index_that_does_not_advance_is_refused() {
        TestBlocks.next(ledger).commit(2, 7);

        assertThatThrownBy(() -> TestBlocks.next(ledger).commit(2, 7)).isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> ledger.recordApplied(2, 6)).isInstanceOf(LedgerException.class);
    }

    /**
     * Ratis appends an entry without a block after every commit: a synced write for each doubled
     * the ledger's fsyncs. They are written without sync; blocks are synced, and so is the applied
     * index when Raft snapshots (and may then purge its log up to it).
     */
    @Test
    void only_blocks_and_snapshots_sync_entries_without_a_block_do_not() {
        List<Boolean> syncs = new java.util.ArrayList<>();
        InMemoryKeyValueStorage memory = new InMemoryKeyValueStorage(ChannelLedger.COLUMNS);
        // the in-memory storage, with every write's sync flag noted
        io.consortia.node.storage.KeyValueStorage storage = (io.consortia.node.storage.KeyValueStorage)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {io.consortia.node.storage.KeyValueStorage.class}, (proxy, method, args) -> {
                            if (method.getName().equals("write")) {
                                syncs.add((Boolean) args[1]);
                            }
                            return method.invoke(memory, args);
                        });
        ChannelLedger watched = ChannelLedger.open(storage, TestBlocks.config());
        syncs.clear();

        TestBlocks.next(watched).commit(1, 1);
        watched.recordApplied(1, 2);
        watched.persistApplied();

        assertThat(syncs).containsExactly(true, false, true);
        assertThat(ChannelLedger.open(storage, TestBlocks.config()).appliedIndex()).isEqualTo(2);
    }

    @Test
    void recording_an_entry_without_a_block_moves_only_the_applied_position() {
        byte[] head = ledger.currentHash();

        ledger.recordApplied(3, 0);

        assertThat(ledger.appliedTerm()).isEqualTo(3);
        assertThat(ledger.appliedIndex()).isZero();
        assertThat(ledger.height()).isEqualTo(1);
        assertThat(ledger.currentHash()).isEqualTo(head);
    }

    @Test
    void the_transaction_index_keeps_authenticated_transactions_and_the_first_of_a_repeated_id() {
        TestBlocks.next(ledger)
                .tx("forged", ValidationCode.BAD_SIGNATURE)
                .tx("rejected", ValidationCode.CONTRACT_REJECTED)
                .tx("twice").tx("twice", ValidationCode.DUPLICATE_TRANSACTION_ID)
                .commit(1, 1);

        assertThat(ledger.containsTransaction(TestBlocks.id(ledger.hash(), "forged"))).isFalse();
        assertThat(ledger.containsTransaction(TestBlocks.id(ledger.hash(), "rejected"))).isTrue();
        assertThat(ledger.transaction(TestBlocks.id(ledger.hash(), "twice")).orElseThrow().getIndexInBlock()).isEqualTo(2);
        assertThat(ledger.transactionCount()).isEqualTo(4);
    }

    /** Every verdict of an authenticated transaction claims its id, so that none can run twice. */
    @Test
    void failed_calls_of_authenticated_creators_claim_their_id() {
        TestBlocks.next(ledger)
                .tx("fuel", ValidationCode.OUT_OF_FUEL)
                .tx("trap", ValidationCode.CONTRACT_TRAPPED)
                .tx("memory", ValidationCode.OUT_OF_MEMORY)
                .tx("host", ValidationCode.HOST_MISUSE)
                .tx("frozen", ValidationCode.CONTRACT_FROZEN)
                .tx("stale", ValidationCode.LIFECYCLE_INVALID)
                .tx("late", ValidationCode.TIMESTAMP_OUT_OF_WINDOW)
                .tx("full", ValidationCode.OUTPUT_TOO_LARGE)
                .commit(1, 1);

        for (String claimed : List.of("fuel", "trap", "memory", "host", "frozen", "stale")) {
            assertThat(ledger.containsTransaction(TestBlocks.id(ledger.hash(), claimed))).as(claimed).isTrue();
        }
        // not known to be the creator's, and an output that did not fit its block may be sent again
        assertThat(ledger.containsTransaction(TestBlocks.id(ledger.hash(), "late"))).isFalse();
        assertThat(ledger.containsTransaction(TestBlocks.id(ledger.hash(), "full"))).isFalse();
    }

    @Test
    void a_transaction_comes_with_a_merkle_proof_against_its_block_header() {
        TestBlocks blocks = TestBlocks.next(ledger);
        for (int i = 0; i < 7; i++) {
            blocks.tx("tx" + i);
        }
        Block block = blocks.commit(1, 1);

        for (int i = 0; i < 7; i++) {
            String id = TestBlocks.id(ledger.hash(), "tx" + i);
            TransactionInfo info = ledger.transaction(id).orElseThrow();

            assertThat(info.getIndexInBlock()).isEqualTo(i);
            assertThat(info.getBlockNumber()).isEqualTo(1);
            assertThat(info.getBlockHash()).isEqualTo(block.getHash());
            assertThat(info.getTransaction().getTransactionId()).isEqualTo(id);
            assertThat(TransactionProofs.toPath(info.getProof()).verify(ledger.hash(), Hashes.fromHex(id),
                    info.getBlockHeader().getTransactionsRoot().toByteArray())).isTrue();
            assertThat(TransactionProofs.toPath(info.getProof()).verify(ledger.hash(), Hashes.fromHex(TestBlocks.id(ledger.hash(), "other")),
                    info.getBlockHeader().getTransactionsRoot().toByteArray())).isFalse();
        }
        assertThat(ledger.transaction(TestBlocks.id(ledger.hash(), "never"))).isEmpty();
        // a block without a receipts root (header version 0, as written before it existed) gets no receipt proof
        assertThat(block.getHeader().getVersion()).isZero();
        assertThat(ledger.transaction(TestBlocks.id(ledger.hash(), "tx0")).orElseThrow().hasReceiptProof()).isFalse();
    }

    @Test
    void a_reopened_rocksdb_ledger_keeps_height_hash_indexes_state_and_applied_position() {
        ledger.close();
        Path dir = temp.resolve("ledger");
        ledger = ChannelLedger.open(RocksDbKeyValueStorage.open(dir, ChannelLedger.COLUMNS), TestBlocks.config());
        Block first = TestBlocks.next(ledger).tx("a").put("k", "v").commit(1, 3);
        Block second = TestBlocks.next(ledger).tx("b").commit(2, 9);
        ledger.close();

        ledger = ChannelLedger.open(RocksDbKeyValueStorage.open(dir, ChannelLedger.COLUMNS), TestBlocks.config());

        assertThat(ledger.height()).isEqualTo(3);
        assertThat(ledger.currentHash()).isEqualTo(second.getHash().toByteArray());
        assertThat(ledger.transactionCount()).isEqualTo(2);
        assertThat(ledger.appliedTerm()).isEqualTo(2);
        assertThat(ledger.appliedIndex()).isEqualTo(9);
        assertThat(ledger.blockByHash(first.getHash().toByteArray())).contains(first);
        assertThat(ledger.transaction(TestBlocks.id(ledger.hash(), "a")).orElseThrow().getBlockNumber()).isEqualTo(1);
        assertThat(ledger.state("k".getBytes(UTF_8))).isPresent();
    }

    @Test
    void the_term_of_every_applied_entry_is_known_after_a_reopen_and_in_a_checkpoint() {
        ledger.close();
        Path dir = temp.resolve("terms");
        ledger = ChannelLedger.open(RocksDbKeyValueStorage.open(dir, ChannelLedger.COLUMNS), TestBlocks.config());
        TestBlocks.next(ledger).tx("a").commit(1, 0);
        ledger.recordApplied(1, 1);
        ledger.recordApplied(3, 2); // a new leader's first entry, without a block
        TestBlocks.next(ledger).tx("b").commit(3, 3);
        TestBlocks.next(ledger).tx("c").commit(4, 4);
        ledger.checkpoint(temp.resolve("terms-copy"));
        ledger.close();

        ledger = ChannelLedger.open(RocksDbKeyValueStorage.open(dir, ChannelLedger.COLUMNS), TestBlocks.config());
        try (ChannelLedger copy = ChannelLedger.open(
                RocksDbKeyValueStorage.open(temp.resolve("terms-copy"), ChannelLedger.COLUMNS), TestBlocks.config())) {
            for (ChannelLedger l : List.of(ledger, copy)) {
                assertThat(List.of(0L, 1L, 2L, 3L, 4L).stream().map(i -> l.termAt(i).orElse(-1)).toList())
                        .as("terms of entries 0-4").containsExactly(1L, 1L, 3L, 3L, 4L);
                assertThat(l.termAt(5)).as("not applied yet").isEmpty();
                assertThat(l.termAt(-1)).isEmpty();
            }
        }
    }

    @Test
    void a_checkpoint_opens_as_the_same_ledger() {
        ledger.close();
        ledger = ChannelLedger.open(RocksDbKeyValueStorage.open(temp.resolve("live"), ChannelLedger.COLUMNS), TestBlocks.config());
        TestBlocks.next(ledger).tx("a").put("k", "v").commit(1, 1);

        ledger.checkpoint(temp.resolve("snapshot"));
        TestBlocks.next(ledger).tx("later").commit(1, 2);

        try (ChannelLedger copy = ChannelLedger.open(
                RocksDbKeyValueStorage.open(temp.resolve("snapshot"), ChannelLedger.COLUMNS), TestBlocks.config())) {
            assertThat(copy.height()).isEqualTo(2);
            assertThat(copy.appliedIndex()).isEqualTo(1);
            assertThat(copy.containsTransaction(TestBlocks.id(copy.hash(), "later"))).isFalse();
        }
    }

    @Test
    void a_storage_holding_another_channel_is_refused() {
        InMemoryKeyValueStorage storage = new InMemoryKeyValueStorage(ChannelLedger.COLUMNS);
        ChannelLedger.open(storage, TestBlocks.config());

        assertThatThrownBy(() -> ChannelLedger.open(storage, TestBlocks.config("other", SignatureScheme.ECDSA_P256_SHA256)))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("ledger-test");
    }

    @Test
    void a_config_without_a_scheme_is_refused() {
        ChannelConfig config = TestBlocks.config().toBuilder().setScheme(SignatureScheme.SIGNATURE_SCHEME_UNSPECIFIED).build();

        assertThatThrownBy(() -> ChannelLedger.open(new InMemoryKeyValueStorage(ChannelLedger.COLUMNS), config))
                .isInstanceOf(LedgerException.class);
    }
}
