package io.consortia.node.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link KeyValueStorage} shares, written once and run against each
 * implementation by a subclass that says how to open and reopen one.
 */
abstract class KeyValueStorageContract {
    static final List<String> COLUMNS = List.of("a", "b");

    @TempDir
    Path temp;

    KeyValueStorage storage;

    /** A fresh, empty storage with {@link #COLUMNS}. */
    abstract KeyValueStorage create(Path directory);

    /** Opens what {@link KeyValueStorage#checkpoint} wrote to {@code checkpoint}. */
    abstract KeyValueStorage openCheckpoint(Path checkpoint);

    @BeforeEach
    void openStorage() {
        storage = create(temp.resolve("db"));
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @Test
    void get_returns_empty_for_a_missing_key() {
        assertThat(storage.get("a", bytes("missing"))).isEmpty();
    }

    @Test
    void a_written_value_can_be_read_back() {
        put("a", "k", "v");

        assertThat(value("a", "k")).contains("v");
    }

    @Test
    void a_batch_applies_puts_and_deletes_in_order_so_the_last_operation_on_a_key_wins() {
        put("a", "gone", "x");
        try (WriteBatch batch = storage.newBatch()) {
            batch.put("a", bytes("k"), bytes("first"));
            batch.put("a", bytes("k"), bytes("second"));
            batch.delete("a", bytes("gone"));
            batch.put("a", bytes("back"), bytes("1"));
            batch.delete("a", bytes("back"));
            assertThat(batch.size()).isEqualTo(5);
            storage.write(batch, true);
        }

        assertThat(value("a", "k")).contains("second");
        assertThat(value("a", "gone")).isEmpty();
        assertThat(value("a", "back")).isEmpty();
    }

    @Test
    void columns_are_independent() {
        put("a", "k", "in a");

        assertThat(value("b", "k")).isEmpty();
    }

    @Test
    void prefix_iteration_visits_matching_keys_in_unsigned_byte_order() {
        for (int b : new int[] {0xff, 0x00, 0x80, 0x7f, 0x01}) {
            putRaw("a", new byte[] {'p', (byte) b}, new byte[] {(byte) b});
        }
        putRaw("a", new byte[] {'o'}, new byte[] {1});
        putRaw("a", new byte[] {'q'}, new byte[] {1});

        List<Integer> seen = new ArrayList<>();
        storage.forEachWithPrefix("a", new byte[] {'p'}, (key, value) -> seen.add(value[0] & 0xff));

        assertThat(seen).containsExactly(0x00, 0x01, 0x7f, 0x80, 0xff);
    }

    @Test
    void prefix_iteration_stops_when_the_visitor_returns_false() {
        for (int i = 0; i < 10; i++) {
            put("a", "k" + i, "v" + i);
        }

        List<String> seen = new ArrayList<>();
        storage.forEachWithPrefix("a", bytes("k"), (key, value) -> {
            seen.add(new String(key, UTF_8));
            return seen.size() < 3;
        });

        assertThat(seen).containsExactly("k0", "k1", "k2");
    }

    @Test
    void an_empty_prefix_visits_the_whole_column() {
        put("a", "x", "1");
        put("a", "y", "2");
        put("b", "z", "3");

        List<String> seen = new ArrayList<>();
        storage.forEachWithPrefix("a", new byte[0], (key, value) -> seen.add(new String(key, UTF_8)));

        assertThat(seen).containsExactly("x", "y");
    }

    @Test
    void values_handed_out_and_in_are_copies() {
        byte[] key = bytes("k");
        byte[] value = bytes("v");
        try (WriteBatch batch = storage.newBatch()) {
            batch.put("a", key, value);
            value[0] = 'X';
            key[0] = 'X';
            storage.write(batch, false);
        }
        storage.get("a", bytes("k")).orElseThrow()[0] = 'Y';

        assertThat(value("a", "k")).contains("v");
    }

    @Test
    void an_unknown_column_is_refused_with_a_storage_exception() {
        assertThatThrownBy(() -> storage.get("nope", bytes("k")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("nope");
        try (WriteBatch batch = storage.newBatch()) {
            assertThatThrownBy(() -> batch.put("nope", bytes("k"), bytes("v"))).isInstanceOf(StorageException.class);
        }
    }

    @Test
    void a_batch_from_another_storage_is_refused() {
        try (KeyValueStorage other = create(temp.resolve("other"));
                WriteBatch batch = other.newBatch()) {
            assertThatThrownBy(() -> storage.write(batch, true)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_checkpoint_is_a_copy_that_opens_and_does_not_follow_later_writes() {
        put("a", "k", "before");
        put("b", "other", "x");
        Path checkpoint = temp.resolve("checkpoint");

        storage.checkpoint(checkpoint);
        put("a", "k", "after");

        try (KeyValueStorage copy = openCheckpoint(checkpoint)) {
            assertThat(copy.get("a", bytes("k")).map(v -> new String(v, UTF_8))).contains("before");
            assertThat(copy.get("b", bytes("other"))).isPresent();
        }
    }

    @Test
    void a_checkpoint_refuses_an_existing_target() {
        assertThatThrownBy(() -> storage.checkpoint(temp)).isInstanceOf(StorageException.class);
    }

    @Test
    void a_closed_storage_refuses_reads_and_close_is_idempotent() {
        storage.close();
        storage.close();

        assertThatThrownBy(() -> storage.get("a", bytes("k"))).isInstanceOf(StorageException.class);
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    void put(String column, String key, String value) {
        putRaw(column, bytes(key), bytes(value));
    }

    void putRaw(String column, byte[] key, byte[] value) {
        try (WriteBatch batch = storage.newBatch()) {
            batch.put(column, key, value);
            storage.write(batch, false);
        }
    }

    Optional<String> value(String column, String key) {
        return storage.get(column, bytes(key)).map(v -> new String(v, UTF_8));
    }
}
