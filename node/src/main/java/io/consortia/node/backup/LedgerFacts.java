package io.consortia.node.backup;

import io.consortia.crypto.Hashes;
import io.consortia.node.ledger.ChannelLedger;
import io.consortia.node.storage.RocksDbKeyValueStorage;
import io.consortia.protocol.v1.ChannelConfig;
import java.nio.file.Path;

/**
 * Opens a ledger checkpoint on its own and reads the state it is at. Opening it is also the
 * proof that the copy is a usable database of that channel, before it goes into an archive and
 * before a restore puts it in place.
 */
final class LedgerFacts {
    private LedgerFacts() {}

    static BackupManifest.ChannelEntry read(Path ledgerDir, ChannelConfig config) {
        return inspect(ledgerDir, config).entry();
    }

    /** The state, and the configuration in force at that height (which may differ from the stored one). */
    record Facts(BackupManifest.ChannelEntry entry, ChannelConfig configInForce) {}

    static Facts inspect(Path ledgerDir, ChannelConfig config) {
        try (ChannelLedger ledger = ChannelLedger.open(RocksDbKeyValueStorage.open(ledgerDir, ChannelLedger.COLUMNS),
                config)) {
            return new Facts(new BackupManifest.ChannelEntry(config.getName(), ledger.height(),
                    Hashes.hex(ledger.currentHash()), ledger.transactionCount(), ledger.appliedTerm(),
                    ledger.appliedIndex(), Math.max(1, ledger.config().getVersion())), ledger.config());
        } catch (RuntimeException e) {
            throw new BackupException("the ledger of channel " + config.getName() + " in " + ledgerDir
                    + " does not open: " + e.getMessage(), e);
        }
    }
}
