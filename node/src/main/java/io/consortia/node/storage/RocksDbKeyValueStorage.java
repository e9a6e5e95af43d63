package io.consortia.node.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * {@link KeyValueStorage} on RocksDB: one database per directory, one column family per
 * column. Every {@link RocksDBException} is translated into a {@link StorageException}.
 *
 * <p>Tuning (see {@link RocksDbTuning}) targets the node's write pattern: one synced,
 * fairly large write batch per block, and point reads by key.
 *
 * <p>A read/write lock guards the native handle against {@link #close()}: reads and writes
 * take the (cheap, shared) read side; only close takes the write side, so no thread ever
 * touches a freed native object (which would crash the JVM rather than throw).
 */
public final class RocksDbKeyValueStorage implements KeyValueStorage {
    private static final String DEFAULT_COLUMN = new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8);

    static {
        // loadLibrary is idempotent and synchronised inside RocksDB; a static block runs it once per class loader.
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final RocksDbTuning tuning;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final Map<String, ColumnFamilyHandle> columns;
    private final ReadWriteLock closeLock = new ReentrantReadWriteLock();
    private boolean closed;

    private RocksDbKeyValueStorage(Path directory, RocksDbTuning tuning, RocksDB db,
            List<ColumnFamilyHandle> handles, Map<String, ColumnFamilyHandle> columns) {
        this.directory = directory;
        this.tuning = tuning;
        this.db = db;
        this.handles = handles;
        this.columns = columns;
    }

    /**
     * Opens (creating if needed) the database in {@code directory} with the given columns.
     * Columns that already exist in the database but are not listed are opened too (RocksDB
     * requires it) but stay inaccessible through this object.
     */
    public static RocksDbKeyValueStorage open(Path directory, List<String> columns) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(columns, "columns");
        Set<String> names = new LinkedHashSet<>();
        names.add(DEFAULT_COLUMN);
        names.addAll(existingColumns(directory));
        for (String column : columns) {
            names.add(Objects.requireNonNull(column, "column"));
        }
        RocksDbTuning tuning = new RocksDbTuning();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String name : names) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), tuning.columnOptions()));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            RocksDB db = RocksDB.open(tuning.dbOptions(), directory.toString(), descriptors, handles);
            Map<String, ColumnFamilyHandle> byName = new HashMap<>();
            int i = 0;
            for (String name : names) {
                byName.put(name, handles.get(i++));
            }
            return new RocksDbKeyValueStorage(directory, tuning, db, handles, byName);
        } catch (RocksDBException | java.io.IOException e) {
            handles.forEach(ColumnFamilyHandle::close);
            tuning.close();
            throw new StorageException("cannot open RocksDB in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static List<String> existingColumns(Path directory) {
        if (!Files.exists(directory.resolve("CURRENT"))) {
            return List.of();
        }
        try (Options options = new Options()) {
            List<String> names = new ArrayList<>();
            for (byte[] name : RocksDB.listColumnFamilies(options, directory.toString())) {
                names.add(new String(name, StandardCharsets.UTF_8));
            }
            return names;
        } catch (RocksDBException e) {
            throw new StorageException("cannot list column families in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> get(String column, byte[] key) {
        Objects.requireNonNull(key, "key");
        return guarded(() -> {
            try {
                return Optional.ofNullable(db.get(handle(column), key));
            } catch (RocksDBException e) {
                throw new StorageException("read from " + column + " failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void forEachWithPrefix(String column, byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(visitor, "visitor");
        guarded(() -> {
            try (RocksIterator iterator = db.newIterator(handle(column))) {
                for (iterator.seek(prefix); iterator.isValid(); iterator.next()) {
                    byte[] key = iterator.key();
                    if (!Bytes.startsWith(key, prefix) || !visitor.test(key, iterator.value())) {
                        break;
                    }
                }
                try {
                    iterator.status();
                } catch (RocksDBException e) {
                    throw new StorageException("iteration over " + column + " failed: " + e.getMessage(), e);
                }
            }
            return null;
        });
    }

    @Override
    public WriteBatch newBatch() {
        return new RocksDbWriteBatch(this);
    }

    @Override
    public void write(WriteBatch batch, boolean sync) {
        Objects.requireNonNull(batch, "batch");
        if (!(batch instanceof RocksDbWriteBatch rocksBatch) || rocksBatch.owner() != this) {
            throw new IllegalArgumentException("batch was not created by this storage");
        }
        guarded(() -> {
            try {
                db.write(sync ? tuning.syncWrites() : tuning.asyncWrites(), rocksBatch.nativeBatch());
            } catch (RocksDBException e) {
                throw new StorageException("write of " + batch.size() + " operations failed: " + e.getMessage(), e);
            }
            return null;
        });
    }

    @Override
    public void checkpoint(Path target) {
        Objects.requireNonNull(target, "target");
        if (Files.exists(target)) {
            throw new StorageException("checkpoint target " + target + " already exists");
        }
        guarded(() -> {
            try (Checkpoint checkpoint = Checkpoint.create(db)) {
                checkpoint.createCheckpoint(target.toString());
            } catch (RocksDBException e) {
                throw new StorageException("checkpoint of " + directory + " to " + target + " failed: " + e.getMessage(), e);
            }
            return null;
        });
    }

    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            tuning.close();
        } finally {
            closeLock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "RocksDbKeyValueStorage[" + directory + "]";
    }

    /** Resolves a column for {@link RocksDbWriteBatch}; unknown columns are a programming error. */
    ColumnFamilyHandle handle(String column) {
        ColumnFamilyHandle handle = columns.get(Objects.requireNonNull(column, "column"));
        if (handle == null) {
            throw new StorageException("unknown column '" + column + "' in " + directory + "; open the storage with it");
        }
        return handle;
    }

    private <T> T guarded(Supplier<T> action) {
        closeLock.readLock().lock();
        try {
            if (closed) {
                throw new StorageException("storage " + directory + " is closed");
            }
            return action.get();
        } finally {
            closeLock.readLock().unlock();
        }
    }
}
