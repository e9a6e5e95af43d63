package io.consortia.platform.deploy;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumPolicy;
import io.consortia.platform.identity.Caller;

/**
 * Who may run a consortium's network and its nodes, for the deployment service, the node
 * controllers and the Nodes tab alike. Pure functions of the caller and the facts passed in.
 */
public final class NodePolicy {
    private NodePolicy() {}

    /** Deploy, stop, start and delete the whole network: the consortium leader. */
    public static boolean canRunNetwork(Caller caller, Consortium consortium) {
        return ConsortiumPolicy.canLead(caller, consortium);
    }

    /**
     * Restart a node of, or add a node to, an organisation: the consortium leader or that
     * organisation's admin.
     */
    public static boolean canManage(Caller caller, Consortium consortium, long nodeOrganizationId) {
        return ConsortiumPolicy.canLead(caller, consortium) || caller.isAdminOf(nodeOrganizationId);
    }

    /** A node's log: its organisation's users, the consortium leader, the platform admin and auditors. */
    public static boolean canReadLogs(Caller caller, Consortium consortium, long nodeOrganizationId) {
        return caller.seesEverything() || caller.belongsTo(nodeOrganizationId)
                || ConsortiumPolicy.canLead(caller, consortium);
    }
}
