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
}
