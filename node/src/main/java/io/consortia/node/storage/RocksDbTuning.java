package io.consortia.node.storage;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB options of one database, and their native lifetime (closed with the database).
 *
 * <p>Why these values: the node writes one synced batch per block (hundreds to thousands of
 * puts) and reads mostly single keys (state, transaction-id index for duplicate checks), so
 * bloom filters pay off on every duplicate-id lookup of a new id (almost always a miss).
 * LZ4 is cheap enough to keep on; 32 MiB memtables absorb several blocks between flushes
 * without using much memory per channel (a node may host many channels).
 */
final class RocksDbTuning implements AutoCloseable {
    private static final long WRITE_BUFFER_BYTES = 32L * 1024 * 1024;
    private static final long BLOCK_CACHE_BYTES = 64L * 1024 * 1024;
    private static final double BLOOM_BITS_PER_KEY = 10;

    private final LRUCache cache = new LRUCache(BLOCK_CACHE_BYTES);
    private final BloomFilter bloom = new BloomFilter(BLOOM_BITS_PER_KEY);
    private final ColumnFamilyOptions columnOptions;
    private final DBOptions dbOptions;
    private final WriteOptions syncWrites = new WriteOptions().setSync(true);
    private final WriteOptions asyncWrites = new WriteOptions().setSync(false);

    RocksDbTuning() {
        // Index and filter blocks stay in the table readers' memory (RocksDB's default; ~1.25 bytes
        // per key for the filters), not in the block cache: a sharded 64 MiB LRU cache has 1 MiB
        // shards, a table's filter block is hundreds of KiB, and blocks of 100 KiB churn through it,
        // so filters were evicted and read back from disk on most lookups. A lookup that misses
        // (every new document, every duplicate-id check) then cost 400-700 us on a ledger of 1.3
        // million transactions, against 15-20 us with the filters in memory, and throughput fell
        // by two thirds as the ledger grew (docs/performance-findings.md, finding 8).
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(bloom)
                .setCacheIndexAndFilterBlocks(false);
        columnOptions = new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(3)
                .setLevelCompactionDynamicLevelBytes(true);
        int jobs = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxBackgroundJobs(jobs)
                .setBytesPerSync(1024 * 1024)
                // A log file goes only when every column with data in it has flushed, and the ledger's
                // small columns (metadata, block hashes) fill their memtables slowly: by default the log
                // may reach 4 x the memtables of all columns (~1.9 GiB). Past this size RocksDB flushes
                // the columns that hold the oldest file instead; benchmarks saw 100+ MiB of log beside
                // 20-30 MiB of data, and a longer log also means a longer replay after a crash.
                .setMaxTotalWalSize(2 * WRITE_BUFFER_BYTES)
                .setKeepLogFileNum(3);
    }

    ColumnFamilyOptions columnOptions() {
        return columnOptions;
    }

    DBOptions dbOptions() {
        return dbOptions;
    }

    WriteOptions syncWrites() {
        return syncWrites;
    }

    WriteOptions asyncWrites() {
        return asyncWrites;
    }

    @Override
    public void close() {
        syncWrites.close();
        asyncWrites.close();
        dbOptions.close();
        columnOptions.close();
        bloom.close();
        cache.close();
    }
}
