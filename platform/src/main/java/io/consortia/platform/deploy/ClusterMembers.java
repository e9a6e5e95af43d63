package io.consortia.platform.deploy;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.organization.Organization;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An organisation joining or leaving a running network on a desired-state target: its nodes are
 * planned together and written into the desired state at once ({@link NetworkDeployer#addMember}),
 * as the first members' were, and taken out together ({@link NetworkDeployer#removeMember}). A join
 * that fails is undone: the organisation's nodes would otherwise stay in the desired state with
 * keys and records that nothing can finish (a cluster adds nodes only to an organisation it runs),
 * so it is taken back out, its certificates revoked and its records deleted.
 */
final class ClusterMembers {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembers.class);
    /** The revocation reason of a joining organisation's nodes whose deployment failed. */
    static final String MEMBER_NOT_DEPLOYED = "cessationOfOperation: organisation's nodes not deployed";
    private final NodeRepository nodes;
    private final NodeOperations operations;

    ClusterMembers(NodeRepository nodes, NodeOperations operations) {
        this.nodes = nodes;
        this.operations = operations;
    }

    /** Plans, writes and waits for the organisation's nodes; returns their ids (none if it has them all, serving). */
    List<String> deploy(Progress progress, NetworkDeployer network, Consortium consortium, Organization organization,
            String actor) {
        long consortiumId = consortium.id();
        List<NodeRecord> left = nodes.ofOrganization(consortiumId, organization.id());
        if (left.size() >= consortium.nodesPerOrganization()
                && left.stream().noneMatch(n -> n.status() == NodeStatus.FAILED)) {
            return List.of();
        }
        if (!left.isEmpty()) { // a cluster numbers a StatefulSet's pods from 0: the old records hold those names
            throw new IllegalStateException(DeploymentTexts.MEMBER_NODES_LEFT.of(organization.name(),
                    left.stream().map(NodeRecord::nodeId).toList()));
        }
        List<NetworkPlan.PlannedNode> planned = new ArrayList<>();
        try {
            for (int i = 0; i < consortium.nodesPerOrganization(); i++) {
                planned.add(operations.prepare(progress, consortiumId, organization,
                        network.nodeId(consortiumId, organization, i)));
            }
            network.addMember(consortiumId, operations.member(consortiumId, organization, planned), progress);
            List<NodeRecord> created = nodes.ofOrganization(consortiumId, organization.id());
            created.forEach(node -> operations.start(progress, node));
            created.forEach(node -> operations.awaitServing(progress, node));
            return created.stream().map(NodeRecord::nodeId).toList();
        } catch (RuntimeException failure) {
            throw undo(progress, network, consortiumId, organization, actor, failure);
        }
    }

    /** Takes the organisation out of the desired state, then revokes its nodes' certificates and deletes their records. */
    void remove(DeploymentSteps steps, NetworkDeployer network, long consortiumId, List<NodeRecord> members,
            String actor, String reason) {
        network.removeMember(consortiumId, members, steps);
        for (NodeRecord node : members) {
            operations.remove(steps, nodes.byNodeId(node.nodeId()).orElseThrow(), actor, reason);
        }
    }

    private RuntimeException undo(Progress progress, NetworkDeployer network, long consortiumId,
            Organization organization, String actor, RuntimeException failure) {
        String why = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        List<NodeRecord> written = nodes.ofOrganization(consortiumId, organization.id());
        if (written.isEmpty()) {
            return failure;
        }
        try {
            remove(progress, network, consortiumId, written, actor, MEMBER_NOT_DEPLOYED);
        } catch (RuntimeException undo) {
            LOG.warn("Could not undo the failed deployment of organisation {}'s nodes", organization.name(), undo);
            String message = DeploymentTexts.MEMBER_NOT_UNDONE.of(organization.name(), why, undo.getMessage());
            nodes.ofOrganization(consortiumId, organization.id()).forEach(node -> nodes.failed(node.id(), message));
            IllegalStateException both = new IllegalStateException(message, failure);
            both.addSuppressed(undo);
            return both;
        }
        return new IllegalStateException(DeploymentTexts.MEMBER_UNDONE.of(organization.name(), why), failure);
    }
}
