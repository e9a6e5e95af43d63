/**
 * Byte-array key/value storage behind one interface, {@link io.consortia.node.storage.KeyValueStorage}:
 * {@link io.consortia.node.storage.RocksDbKeyValueStorage} on disk and
 * {@link io.consortia.node.storage.InMemoryKeyValueStorage}, its twin for tests, both held to
 * one contract test suite. RocksDB errors become {@link io.consortia.node.storage.StorageException}.
 */
package io.consortia.node.storage;
