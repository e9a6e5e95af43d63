package io.consortia.platform.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The explorer's index on the platform's real schema (H2, migrated by Flyway). A chain may hold one
 * transaction id in several entries (a copy with a bad signature first, an output that did not fit
 * its block sent again); indexing such a block once stopped the explorer for good with a duplicate key.
 */
class IndexRepositoryTest {
    private HikariDataSource pool;
    private IndexRepository index;
    private long channel;

    @BeforeEach
    void schema() {
        pool = OneConnectionDatabase.open();
        JdbcClient jdbc = JdbcClient.create(pool);
        long consortium = OneConnectionDatabase.consortium(jdbc, OneConnectionDatabase.organization(jdbc, "org1"));
        jdbc.sql("insert into channels (consortium_id, name, status, created_at) values (?, 'main', 'ACTIVE', 0)")
                .param(consortium).update();
        channel = jdbc.sql("select id from channels where name = 'main'").query(Long.class).single();
        index = new IndexRepository(jdbc);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void an_id_in_several_entries_is_indexed_once_as_the_entry_that_claims_it() {
        index.insert(channel, block(1, entry("a", ValidationCode.BAD_SIGNATURE), entry("a", ValidationCode.VALID),
                entry("b", ValidationCode.OUTPUT_TOO_LARGE)));
        index.insert(channel, block(2, entry("b", ValidationCode.VALID), entry("a", ValidationCode.TIMESTAMP_OUT_OF_WINDOW),
                entry("c", ValidationCode.TIMESTAMP_OUT_OF_WINDOW)));

        assertThat(index.transactionsById(List.of(channel), "a")).singleElement()
                .satisfies(t -> assertThat(t.code() + "@" + t.blockNumber() + "/" + t.indexInBlock()).isEqualTo("VALID@1/1"));
        assertThat(index.transactionsById(List.of(channel), "b")).singleElement()
                .satisfies(t -> assertThat(t.code() + "@" + t.blockNumber() + "/" + t.indexInBlock()).isEqualTo("VALID@2/0"));
        assertThat(index.transactionsById(List.of(channel), "c")).singleElement()
                .satisfies(t -> assertThat(t.code()).isEqualTo("TIMESTAMP_OUT_OF_WINDOW"));
        assertThat(index.nextNumber(channel)).isEqualTo(3);
    }

    @Test
    void an_export_lists_a_channel_s_transactions_in_chain_order_within_its_blocks_and_block_times() {
        index.insert(channel, block(1, entry("a", ValidationCode.VALID), entry("b", ValidationCode.CONTRACT_REJECTED)));
        index.insert(channel, block(2, entry("c", ValidationCode.VALID)));
        index.insert(channel, block(3, entry("d", ValidationCode.VALID)));

        assertThat(ids(new IndexRepository.ExportRange(channel, 0, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly("a", "b", "c", "d");
        assertThat(ids(new IndexRepository.ExportRange(channel, 2, 3, Long.MIN_VALUE, Long.MAX_VALUE)))
                .containsExactly("c", "d");
        // block times are number * 1000: from inclusive, to exclusive
        assertThat(ids(new IndexRepository.ExportRange(channel, 0, Long.MAX_VALUE, 1000, 3000)))
                .containsExactly("a", "b", "c");
        assertThat(index.countExport(new IndexRepository.ExportRange(channel, 0, Long.MAX_VALUE, 2000, 3000)))
                .isEqualTo(1);

        String csv = TransactionCsv.write("main",
                index.export(new IndexRepository.ExportRange(channel, 1, 1, Long.MIN_VALUE, Long.MAX_VALUE)));
        assertThat(csv.split("\r\n")).containsExactly(TransactionCsv.HEADER,
                "main,1," + "00".repeat(32) + ",0,a,1970-01-01T00:00:01Z,notarization,record,,VALID,",
                "main,1," + "00".repeat(32) + ",1,b,1970-01-01T00:00:01Z,notarization,record,,CONTRACT_REJECTED,");
    }

    private List<String> ids(IndexRepository.ExportRange range) {
        return index.export(range).stream().map(r -> r.transaction().transactionId()).toList();
    }

    private static BlockTransaction entry(String id, ValidationCode code) {
        TransactionPayload payload = TransactionPayload.newBuilder().setContract("notarization").setFunction("record").build();
        return BlockTransaction.newBuilder().setTransactionId(id).setCode(code)
                .setTransaction(Transaction.newBuilder().setPayload(payload.toByteString())).build();
    }

    private static Block block(long number, BlockTransaction... transactions) {
        BlockHeader header = BlockHeader.newBuilder().setChannel("main").setNumber(number)
                .setTransactionCount(transactions.length).setTimestampMillis(number * 1000).build();
        return Block.newBuilder().setHeader(header).setHash(ByteString.copyFrom(new byte[32]))
                .addAllTransactions(List.of(transactions)).build();
    }
}
