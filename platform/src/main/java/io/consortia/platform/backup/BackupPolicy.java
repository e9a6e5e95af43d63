package io.consortia.platform.backup;

import io.consortia.platform.channel.ChannelPolicy;
import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.deploy.NodePolicy;
import io.consortia.platform.identity.Caller;

/** Who may take and restore backups, for the backup services and the Backups tab alike. */
final class BackupPolicy {
    private BackupPolicy() {}

    /** Back up, restore and download a node's backups: whoever may manage the node (leader, its organisation's admin). */
    static boolean canManageNode(Caller caller, Consortium consortium, long nodeOrganizationId) {
        return NodePolicy.canManage(caller, consortium, nodeOrganizationId);
    }

    /**
     * Download a node's backup: it holds the ledger of every channel the node was on, payloads
     * included, so the node's organisation admin (whose organisation was on all of them), or the
     * consortium leader when its organisation may read every channel in the archive. Taking and
     * restoring a backup reveal no ledger and stay with {@link #canManageNode}.
     *
     * @param archived the names of the channels in the archive
     * @param channels the consortium's channels as the platform knows them now
     */
    static boolean canDownload(Caller caller, Consortium consortium, long nodeOrganizationId,
            java.util.Collection<String> archived, java.util.Collection<ChannelRecord> channels) {
        if (caller.isAdminOf(nodeOrganizationId)) {
            return true;
        }
        return canManageNode(caller, consortium, nodeOrganizationId) && archived.stream().allMatch(name ->
                channels.stream().anyMatch(c -> c.name().equals(name) && ChannelPolicy.canRead(caller, c)));
    }

    /** Platform backups hold every table (users, custody's sealed keys): platform admins only. */
    static boolean canBackUpPlatform(Caller caller) {
        return caller.isPlatformAdmin();
    }
}
