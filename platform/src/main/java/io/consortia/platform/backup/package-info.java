/**
 * Backups and restores. Node backups ({@link io.consortia.platform.backup.NodeBackupService}):
 * the node's own consistent archive (AdminService.Backup), kept under
 * {@code <data-dir>/backups/nodes/}, and restores of a node from one, each a deployment with
 * its steps in the consortium's history. Platform backups
 * ({@link io.consortia.platform.backup.PlatformBackup}): every table as JSON lines, custody
 * included (sealed), the master key never; restored into an empty data directory by
 * {@link io.consortia.platform.backup.RestoreMain} ({@code ./consortia restore}).
 */
package io.consortia.platform.backup;
