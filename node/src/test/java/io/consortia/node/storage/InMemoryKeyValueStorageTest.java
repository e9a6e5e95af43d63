package io.consortia.node.storage;

import java.nio.file.Path;

class InMemoryKeyValueStorageTest extends KeyValueStorageContract {

    @Override
    KeyValueStorage create(Path directory) {
        return new InMemoryKeyValueStorage(COLUMNS);
    }

    @Override
    KeyValueStorage openCheckpoint(Path checkpoint) {
        return InMemoryKeyValueStorage.load(checkpoint, COLUMNS);
    }
}
