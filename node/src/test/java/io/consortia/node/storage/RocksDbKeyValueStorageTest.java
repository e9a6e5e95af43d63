package io.consortia.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RocksDbKeyValueStorageTest extends KeyValueStorageContract {

    @Override
    KeyValueStorage create(Path directory) {
        return RocksDbKeyValueStorage.open(directory, COLUMNS);
    }

    @Override
    KeyValueStorage openCheckpoint(Path checkpoint) {
        return RocksDbKeyValueStorage.open(checkpoint, COLUMNS);
    }

    @Test
    void data_survives_closing_and_reopening_even_with_a_different_column_list() {
        put("a", "k", "kept");
        storage.close();
        Path db = temp.resolve("db");

        try (KeyValueStorage more = RocksDbKeyValueStorage.open(db, List.of("a", "b", "c"))) {
            assertThat(more.get("a", bytes("k")).map(String::new)).contains("kept");
            assertThat(more.get("c", bytes("k"))).isEmpty();
        }
        try (KeyValueStorage fewer = RocksDbKeyValueStorage.open(db, List.of("b"))) {
            assertThat(fewer.get("b", bytes("k"))).isEmpty(); // existing columns open too, unlisted
        }
        storage = RocksDbKeyValueStorage.open(db, COLUMNS);

        assertThat(value("a", "k")).contains("kept");
    }

    /**
     * A write-ahead log file can only go once every column with data in it has flushed; a column
     * written rarely (the ledger's metadata) would otherwise keep every log file alive, and the
     * log grew to 100+ MB per ledger in benchmarks while the data itself took 20-30 MB.
     */
    @Test
    void a_rarely_written_column_does_not_keep_the_write_ahead_log_growing() throws Exception {
        storage.close();
        Path db = temp.resolve("wal");
        byte[] chunk = new byte[1 << 20];
        new java.util.Random(7).nextBytes(chunk); // incompressible, like signatures and hashes
        try (KeyValueStorage ledger = RocksDbKeyValueStorage.open(db, List.of("hot", "cold"))) {
            try (WriteBatch batch = ledger.newBatch()) {
                batch.put("cold", bytes("meta"), bytes("1"));
                ledger.write(batch, false);
            }
            for (int i = 0; i < 160; i++) {
                try (WriteBatch batch = ledger.newBatch()) {
                    batch.put("hot", bytes("block-" + i), chunk);
                    ledger.write(batch, false);
                }
            }
            // flushes and log deletion run in the background: wait for them, without a deadline of speed
            org.awaitility.Awaitility.await("write-ahead log below 100 MiB after 160 MiB written")
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> writeAheadLogBytes(db) < (100L << 20));
            assertThat(ledger.get("cold", bytes("meta")).map(String::new)).contains("1");
        }
        storage = RocksDbKeyValueStorage.open(temp.resolve("db"), COLUMNS);
    }

    private static long writeAheadLogBytes(Path db) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(db)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /**
     * A lookup of a key that is not there must be answered by the Bloom filter without reading
     * the filter block through the block cache, where large filter blocks were evicted and read
     * back from disk on most lookups (400-700 us each on a ledger of 1.3 million transactions).
     */
    @Test
    void lookups_of_absent_keys_never_read_filter_blocks_through_the_block_cache() throws Exception {
        storage.close();
        Path db = temp.resolve("filters");
        byte[] value = new byte[200];
        // written with the production options and flushed, so that the keys are in a table file
        try (RocksDbTuning tuning = new RocksDbTuning()) {
            List<org.rocksdb.ColumnFamilyDescriptor> columns = List.of(
                    new org.rocksdb.ColumnFamilyDescriptor(org.rocksdb.RocksDB.DEFAULT_COLUMN_FAMILY, tuning.columnOptions()),
                    new org.rocksdb.ColumnFamilyDescriptor(bytes("state"), tuning.columnOptions()));
            List<org.rocksdb.ColumnFamilyHandle> handles = new java.util.ArrayList<>();
            try (org.rocksdb.RocksDB writer = org.rocksdb.RocksDB.open(tuning.dbOptions(), db.toString(), columns, handles);
                    org.rocksdb.WriteOptions options = new org.rocksdb.WriteOptions();
                    org.rocksdb.FlushOptions flush = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
                for (int b = 0; b < 20; b++) {
                    try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
                        for (int i = 0; i < 4000; i++) {
                            batch.put(handles.get(1), bytes("doc/" + b + "/" + i), value);
                        }
                        writer.write(options, batch);
                    }
                }
                writer.flush(flush, handles.get(1));
            } finally {
                handles.forEach(org.rocksdb.ColumnFamilyHandle::close);
            }
        }
        try (RocksDbTuning tuning = new RocksDbTuning(); org.rocksdb.Statistics statistics = new org.rocksdb.Statistics();
                org.rocksdb.DBOptions options = new org.rocksdb.DBOptions().setStatistics(statistics)) {
            List<org.rocksdb.ColumnFamilyDescriptor> columns = new java.util.ArrayList<>();
            for (byte[] name : org.rocksdb.RocksDB.listColumnFamilies(new org.rocksdb.Options(), db.toString())) {
                columns.add(new org.rocksdb.ColumnFamilyDescriptor(name, tuning.columnOptions()));
            }
            List<org.rocksdb.ColumnFamilyHandle> handles = new java.util.ArrayList<>();
            try (org.rocksdb.RocksDB readOnly = org.rocksdb.RocksDB.openReadOnly(options, db.toString(), columns, handles)) {
                org.rocksdb.ColumnFamilyHandle state = handles.get(columns.size() - 1);
                assertThat(readOnly.getProperty(state, "rocksdb.num-files-at-level0")
                        + readOnly.getProperty(state, "rocksdb.num-files-at-level1")).isNotEqualTo("00");
                for (int i = 0; i < 2000; i++) {
                    assertThat(readOnly.get(state, bytes("absent/" + i))).isNull();
                }
                assertThat(statistics.getTickerCount(org.rocksdb.TickerType.BLOOM_FILTER_USEFUL)).isPositive();
                assertThat(statistics.getTickerCount(org.rocksdb.TickerType.BLOCK_CACHE_FILTER_MISS)).isZero();
            } finally {
                handles.forEach(org.rocksdb.ColumnFamilyHandle::close);
            }
        }
        storage = RocksDbKeyValueStorage.open(temp.resolve("db"), COLUMNS);
    }
}
