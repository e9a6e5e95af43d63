/**
 * Node backups and restores. A backup is a tar.gz of a {@code manifest.json} and, per channel,
 * its {@code channel.pb} and a consistent RocksDB checkpoint of its ledger ({@link NodeBackup});
 * it is streamed by AdminService.Backup with the archive's SHA-256 in the last chunk
 * ({@link BackupStreamer}). A restore ({@link NodeRestore}, {@code NodeMain --restore}) runs
 * while the node is stopped: it checks the archive, replaces the channels' ledgers and removes
 * their Raft storage, so that on start the node rejoins its groups and catches up from its
 * peers (the log, or a checkpoint when the log was purged) like a node that joined late. A
 * restore can also be staged on the running node through AdminService.StageRestore
 * ({@link RestoreReceiver}, {@link RestoreUpload}): it is checked as it would be then, kept
 * ({@link RestoreStage}), and applied when the node next starts, before it opens its channels.
 */
package io.consortia.node.backup;
