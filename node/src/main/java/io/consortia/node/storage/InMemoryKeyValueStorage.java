package io.consortia.node.storage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiPredicate;

/**
 * The in-memory twin of {@link RocksDbKeyValueStorage}, for tests: sorted maps in unsigned
 * byte order, one per column. Passes the same contract suite.
 *
 * <p>Concurrency: each column is a {@link ConcurrentSkipListMap}, so readers never block;
 * writes of whole batches are serialised by a monitor so two batches never interleave.
 *
 * <p>{@link #checkpoint(Path)} writes the whole content to one file,
 * {@value #CHECKPOINT_FILE}, inside the target directory; {@link #load(Path, List)} reads it
 * back. That is enough for snapshot tests; it is not meant for large data.
 */
public final class InMemoryKeyValueStorage implements KeyValueStorage {
    /** Name of the file a checkpoint writes inside its target directory. */
    public static final String CHECKPOINT_FILE = "in-memory-storage.bin";

    private final Map<String, NavigableMap<byte[], byte[]>> columns = new LinkedHashMap<>();
    private final Object writeLock = new Object();
    private volatile boolean closed;

    public InMemoryKeyValueStorage(List<String> columnNames) {
        Objects.requireNonNull(columnNames, "columnNames");
        for (String column : columnNames) {
            columns.put(Objects.requireNonNull(column, "column"), new ConcurrentSkipListMap<>(Bytes.UNSIGNED_ORDER));
        }
    }

    /** Reads a checkpoint written by {@link #checkpoint(Path)}; {@code columns} are created if the checkpoint lacks them. */
    public static InMemoryKeyValueStorage load(Path checkpointDirectory, List<String> columns) {
        InMemoryKeyValueStorage storage = new InMemoryKeyValueStorage(columns);
        Path file = checkpointDirectory.resolve(CHECKPOINT_FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int columnCount = in.readInt();
            for (int c = 0; c < columnCount; c++) {
                String name = in.readUTF();
                NavigableMap<byte[], byte[]> map =
                        storage.columns.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>(Bytes.UNSIGNED_ORDER));
                long entries = in.readLong();
                for (long e = 0; e < entries; e++) {
                    map.put(readBytes(in), readBytes(in));
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot load in-memory checkpoint " + file + ": " + e.getMessage(), e);
        }
        return storage;
    }

    @Override
    public Optional<byte[]> get(String column, byte[] key) {
        Objects.requireNonNull(key, "key");
        byte[] value = column(column).get(key);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    @Override
    public void forEachWithPrefix(String column, byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(visitor, "visitor");
        for (Map.Entry<byte[], byte[]> entry : column(column).tailMap(prefix, true).entrySet()) {
            byte[] key = entry.getKey();
            if (!Bytes.startsWith(key, prefix) || !visitor.test(key.clone(), entry.getValue().clone())) {
                return;
            }
        }
    }

    @Override
    public WriteBatch newBatch() {
        return new InMemoryWriteBatch(this);
    }

    @Override
    public void write(WriteBatch batch, boolean sync) {
        Objects.requireNonNull(batch, "batch");
        if (!(batch instanceof InMemoryWriteBatch memoryBatch) || memoryBatch.owner() != this) {
            throw new IllegalArgumentException("batch was not created by this storage");
        }
        synchronized (writeLock) {
            ensureOpen();
            for (InMemoryWriteBatch.Operation op : memoryBatch.operations()) {
                NavigableMap<byte[], byte[]> map = column(op.column());
                if (op.value() == null) {
                    map.remove(op.key());
                } else {
                    map.put(op.key(), op.value());
                }
            }
        }
    }

    @Override
    public void checkpoint(Path target) {
        Objects.requireNonNull(target, "target");
        if (Files.exists(target)) {
            throw new StorageException("checkpoint target " + target + " already exists");
        }
        // Holding the write monitor makes the copy consistent: no batch lands half-way through it.
        synchronized (writeLock) {
            ensureOpen();
            Path file = target.resolve(CHECKPOINT_FILE);
            try {
                Files.createDirectories(target);
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
                    out.writeInt(columns.size());
                    for (Map.Entry<String, NavigableMap<byte[], byte[]>> column : columns.entrySet()) {
                        out.writeUTF(column.getKey());
                        out.writeLong(column.getValue().size());
                        for (Map.Entry<byte[], byte[]> entry : column.getValue().entrySet()) {
                            writeBytes(out, entry.getKey());
                            writeBytes(out, entry.getValue());
                        }
                    }
                }
            } catch (IOException e) {
                throw new StorageException("cannot write in-memory checkpoint " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Resolves a column for {@link InMemoryWriteBatch} and the read paths. */
    NavigableMap<byte[], byte[]> column(String column) {
        ensureOpen();
        NavigableMap<byte[], byte[]> map = columns.get(Objects.requireNonNull(column, "column"));
        if (map == null) {
            throw new StorageException("unknown column '" + column + "'; create the storage with it");
        }
        return map;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("in-memory storage is closed");
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
