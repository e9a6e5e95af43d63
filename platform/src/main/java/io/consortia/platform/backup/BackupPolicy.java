package io.consortia.platform.backup;

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

    /** Platform backups hold every table (users, custody's sealed keys): platform admins only. */
    static boolean canBackUpPlatform(Caller caller) {
        return caller.isPlatformAdmin();
    }
}
