package io.consortia.platform.explorer;

import io.consortia.crypto.Hashes;
import io.consortia.node.ledger.ChannelLedger;
import io.consortia.platform.channel.ChannelActivity;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class IndexRepository {
    private final JdbcClient jdbc;

    IndexRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Hashes as lower-case hex; {@code timestampMillis} is the block time (header). */
    record BlockRow(long channelId, long number, String hash, String previousHash, String transactionsRoot,
            String stateHash, String resultsHash, String receiptsRoot, int version, int transactionCount,
            long timestampMillis) {}

    record TransactionRow(long channelId, String transactionId, long blockNumber, int indexInBlock, String contract,
            String function, String creatorOrganization, String code, String reason, long timestampMillis) {}

    /** Number of the next block to index: one past the highest indexed. */
    long nextNumber(long channelId) {
        return jdbc.sql("select coalesce(max(number) + 1, 0) from blocks where channel_id = ?").param(channelId)
                .query(Long.class).single();
    }

    Optional<String> hashOf(long channelId, long number) {
        return jdbc.sql("select hash from blocks where channel_id = ? and number = ?").params(channelId, number)
                .query(String.class).optional();
    }

    @Transactional
    public void insert(long channelId, Block block) {
        var header = block.getHeader();
        jdbc.sql("insert into blocks (channel_id, number, hash, previous_hash, transactions_root, state_hash, "
                        + "results_hash, receipts_root, header_version, transaction_count, timestamp_millis) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(channelId, header.getNumber(), Hashes.hex(block.getHash().toByteArray()),
                        Hashes.hex(header.getPreviousHash().toByteArray()),
                        Hashes.hex(header.getTransactionsRoot().toByteArray()),
                        Hashes.hex(header.getStateHash().toByteArray()), Hashes.hex(header.getResultsHash().toByteArray()),
                        Hashes.hex(header.getReceiptsRoot().toByteArray()), header.getVersion(),
                        header.getTransactionCount(), header.getTimestampMillis())
                .update();
        Map<String, String> indexed = indexedCodes(channelId, block);
        int index = 0;
        for (BlockTransaction transaction : block.getTransactionsList()) {
            insert(channelId, header.getNumber(), index++, header.getTimestampMillis(), transaction, indexed);
        }
    }

    /**
     * The codes of the block's transaction ids indexed already, in one query per 1,000 ids: an id
     * indexed before is rare, and asking for each transaction would double the indexer's queries.
     */
    private Map<String, String> indexedCodes(long channelId, Block block) {
        List<String> ids = block.getTransactionsList().stream().map(BlockTransaction::getTransactionId).distinct()
                .toList();
        Map<String, String> codes = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            jdbc.sql("select transaction_id, code from transactions where channel_id = :channel "
                            + "and transaction_id in (:ids)")
                    .param("channel", channelId).param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .list().forEach(e -> codes.put(e.getKey(), e.getValue()));
        }
        return codes;
    }

    /**
     * One transaction, under its id. An id may occur in several entries of a chain: a copy with a
     * bad signature or outside its time window is recorded and the genuine one later, and an output
     * that did not fit its block may be sent again. The index keeps the entry that claims the id on
     * the nodes ({@link ChannelLedger#isIndexed}), as a node's lookup by id answers, else the first.
     */
    private void insert(long channelId, long blockNumber, int index, long timestamp, BlockTransaction transaction,
            Map<String, String> indexed) {
        TransactionPayload payload = payload(transaction);
        String id = transaction.getTransactionId();
        Object[] values = {cut(payload.getContract(), 128), cut(payload.getFunction(), 128),
                cut(payload.getCreator().getOrganization(), 64), transaction.getCode().name(),
                cut(transaction.getReason(), 1000), timestamp, blockNumber, index, channelId, id};
        String earlier = indexed.get(id);
        if (earlier == null) {
            jdbc.sql("insert into transactions (contract, function, creator_organization, code, reason, "
                    + "timestamp_millis, block_number, index_in_block, channel_id, transaction_id) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").params(values).update();
            indexed.put(id, transaction.getCode().name());
        } else if (ChannelLedger.isIndexed(transaction.getCode()) && !claims(earlier)) {
            jdbc.sql("update transactions set contract = ?, function = ?, creator_organization = ?, code = ?, reason = ?, "
                    + "timestamp_millis = ?, block_number = ?, index_in_block = ? "
                    + "where channel_id = ? and transaction_id = ?").params(values).update();
            indexed.put(id, transaction.getCode().name());
        }
    }

    private static boolean claims(String code) {
        try {
            return ChannelLedger.isIndexed(ValidationCode.valueOf(code));
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    void state(long channelId, String status, String reason) {
        int updated = jdbc.sql("update index_state set status = ?, reason = ? where channel_id = ?")
                .params(status, reason, channelId).update();
        if (updated == 0) {
            jdbc.sql("insert into index_state (channel_id, status, reason) values (?, ?, ?)")
                    .params(channelId, status, reason).update();
        }
    }

    Optional<String> stateOf(long channelId) {
        return jdbc.sql("select status from index_state where channel_id = ?").param(channelId).query(String.class)
                .optional();
    }

    Optional<String> reasonOf(long channelId) {
        return jdbc.sql("select reason from index_state where channel_id = ?").param(channelId).query(String.class)
                .optional();
    }

    List<BlockRow> blocks(long channelId, int page, int size) {
        return jdbc.sql("select * from blocks where channel_id = ? order by number desc limit ? offset ?")
                .params(channelId, size, (long) page * size).query(IndexRepository::block).list();
    }

    Optional<BlockRow> block(long channelId, long number) {
        return jdbc.sql("select * from blocks where channel_id = ? and number = ?").params(channelId, number)
                .query(IndexRepository::block).optional();
    }

    List<BlockRow> blocksByHash(List<Long> channelIds, String hash) {
        return jdbc.sql("select * from blocks where hash = :hash and channel_id in (:channels)")
                .param("hash", hash).param("channels", channelIds).query(IndexRepository::block).list();
    }

    List<BlockRow> blocksByNumber(List<Long> channelIds, long number) {
        return jdbc.sql("select * from blocks where number = :number and channel_id in (:channels) order by channel_id")
                .param("number", number).param("channels", channelIds).query(IndexRepository::block).list();
    }

    List<TransactionRow> transactions(long channelId, int page, int size) {
        return jdbc.sql("select * from transactions where channel_id = ? "
                        + "order by block_number desc, index_in_block desc limit ? offset ?")
                .params(channelId, size, (long) page * size).query(IndexRepository::transaction).list();
    }

    /** A channel's transactions to export: block numbers and block times, each bound optional. */
    record ExportRange(long channelId, long fromBlock, long toBlock, long fromMillis, long toMillis) {}

    /** An exported transaction, with its block's hash. */
    record ExportRow(TransactionRow transaction, String blockHash) {}

    long countExport(ExportRange range) {
        return jdbc.sql("select count(*) from transactions t where " + EXPORT_WHERE).paramSource(range)
                .query(Long.class).single();
    }

    /** In chain order: by block, then by position in the block. */
    List<ExportRow> export(ExportRange range) {
        return jdbc.sql("select t.*, b.hash as block_hash from transactions t join blocks b "
                        + "on b.channel_id = t.channel_id and b.number = t.block_number where " + EXPORT_WHERE
                        + " order by t.block_number, t.index_in_block")
                .paramSource(range)
                .query((rs, row) -> new ExportRow(transaction(rs, row), rs.getString("block_hash"))).list();
    }

    // transactions.timestamp_millis is the block time (see insert)
    private static final String EXPORT_WHERE = "t.channel_id = :channelId and t.block_number between :fromBlock "
            + "and :toBlock and t.timestamp_millis >= :fromMillis and t.timestamp_millis < :toMillis";

    List<TransactionRow> transactionsOfBlock(long channelId, long number) {
        return jdbc.sql("select * from transactions where channel_id = ? and block_number = ? order by index_in_block")
                .params(channelId, number).query(IndexRepository::transaction).list();
    }

    List<TransactionRow> transactionsById(List<Long> channelIds, String transactionId) {
        return jdbc.sql("select * from transactions where transaction_id = :id and channel_id in (:channels)")
                .param("id", transactionId).param("channels", channelIds).query(IndexRepository::transaction).list();
    }

    long count(String table, long channelId) {
        return jdbc.sql("select count(*) from " + table + " where channel_id = ?").param(channelId).query(Long.class)
                .single();
    }

    long transactionsSince(long channelId, long sinceMillis) {
        Long count = jdbc.sql("select coalesce(sum(transaction_count), 0) from blocks where channel_id = ? "
                + "and timestamp_millis >= ?").params(channelId, sinceMillis).query(Long.class).single();
        return count == null ? 0 : count;
    }

    /**
     * Per minute since {@code sinceMillis}: transactions committed (by block time) and their
     * mean and largest block-time minus client-timestamp, in milliseconds.
     */
    List<MinuteRow> perMinute(List<Long> channelIds, long sinceMillis) {
        if (channelIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select b.timestamp_millis / 60000 as minute_no, count(*) as txs, "
                        + "avg(b.timestamp_millis - t.timestamp_millis) as mean_ms, "
                        + "max(b.timestamp_millis - t.timestamp_millis) as max_ms "
                        + "from transactions t join blocks b on b.channel_id = t.channel_id and b.number = t.block_number "
                        + "where t.channel_id in (:channels) and b.timestamp_millis >= :since "
                        + "group by b.timestamp_millis / 60000 order by minute_no")
                .param("channels", channelIds).param("since", sinceMillis)
                .query((rs, i) -> new MinuteRow(rs.getLong("minute_no"), rs.getLong("txs"), rs.getDouble("mean_ms"),
                        rs.getDouble("max_ms")))
                .list();
    }

    /** Committed calls per contract and function, with how many were valid. */
    List<ChannelActivity.ContractUse> contractUse(long channelId) {
        return jdbc.sql("select contract, function, count(*) as calls, "
                        + "sum(case when code = 'VALID' then 1 else 0 end) as valid "
                        + "from transactions where channel_id = ? group by contract, function order by contract, function")
                .param(channelId)
                .query((rs, i) -> new ChannelActivity.ContractUse(rs.getString("contract"), rs.getString("function"),
                        rs.getLong("calls"), rs.getLong("valid")))
                .list();
    }

    record MinuteRow(long minute, long transactions, double meanLatencyMillis, double maxLatencyMillis) {}

    private static TransactionPayload payload(BlockTransaction transaction) {
        try {
            return TransactionPayload.parseFrom(transaction.getTransaction().getPayload());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return TransactionPayload.getDefaultInstance();
        }
    }

    private static String cut(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max);
    }

    private static BlockRow block(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new BlockRow(rs.getLong("channel_id"), rs.getLong("number"), rs.getString("hash"),
                rs.getString("previous_hash"), rs.getString("transactions_root"), rs.getString("state_hash"),
                rs.getString("results_hash"), rs.getString("receipts_root"), rs.getInt("header_version"),
                rs.getInt("transaction_count"), rs.getLong("timestamp_millis"));
    }

    private static TransactionRow transaction(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new TransactionRow(rs.getLong("channel_id"), rs.getString("transaction_id"), rs.getLong("block_number"),
                rs.getInt("index_in_block"), rs.getString("contract"), rs.getString("function"),
                rs.getString("creator_organization"), rs.getString("code"), rs.getString("reason"),
                rs.getLong("timestamp_millis"));
    }
}
