package io.consortia.platform.deploy;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes an add that failed before the node joined a channel (its pod never got Ready, the Secret
 * or the resource could not be written, its process exited or did not answer). On a desired-state
 * network the node stays in the desired state otherwise, with its keys and volume claim, a record
 * the user had to remove before adding again; it is taken back out as the removal of a last pod
 * takes one, and the next add takes the same place. A local node's process is stopped: left
 * running, one that answered after the wait served no channel, a RUNNING node on the Nodes tab of
 * an add that FAILED. Either way its certificates are revoked and its files and record deleted,
 * so the network is as it was. A node whose add failed while it joined its channels leaves those
 * it is already a Raft member of first ({@link #undoJoin}).
 */
final class NodeAddUndo {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAddUndo.class);
    private final NodeRepository nodes;
    private final NodeOperations operations;

    NodeAddUndo(NodeRepository nodes, NodeOperations operations) {
        this.nodes = nodes;
        this.operations = operations;
    }

    /** What the operation fails with: why the add failed, and what became of the node. */
    RuntimeException undo(Progress progress, Deployer deployer, String nodeId, String actor,
            RuntimeException failure) {
        String why = reason(failure);
        Optional<NodeRecord> recorded = nodes.byNodeId(nodeId);
        if (recorded.isEmpty()) { // it failed before it had a record, and so before anything was written
            return failure;
        }
        NodeRecord node = recorded.get();
        boolean network = deployer instanceof NetworkDeployer;
        try {
            if (deployer instanceof NetworkDeployer cluster) {
                progress.step(DeploymentTexts.UNDO_ADD.of(nodeId), nodeId, () -> cluster.removeFromNetwork(node));
            } else {
                progress.step(DeploymentTexts.UNDO_ADD_LOCAL.of(nodeId), nodeId, () -> {
                    nodes.stopped(node.id()); // first, so the supervisor does not restart it
                    deployer.stop(node);
                    return null;
                });
            }
            operations.remove(progress, nodes.byNodeId(nodeId).orElseThrow(), actor, DeploymentService.NODE_ADD_FAILED);
        } catch (RuntimeException undo) {
            LOG.warn("Could not undo the failed add of {}", nodeId, undo);
            String message = DeploymentTexts.ADD_NOT_UNDONE.of(nodeId, why, reason(undo));
            nodes.byNodeId(nodeId).ifPresent(left -> nodes.failed(left.id(), message));
            return withCauses(new IllegalStateException(message, failure), undo);
        }
        try {
            operations.publishRevocations(progress, node);
        } catch (RuntimeException unpublished) {
            DeploymentTexts.Text text = network ? DeploymentTexts.ADD_UNDONE_UNPUBLISHED
                    : DeploymentTexts.ADD_UNDONE_UNPUBLISHED_LOCAL;
            return withCauses(new IllegalStateException(text.of(nodeId, why, reason(unpublished)), failure),
                    unpublished);
        }
        DeploymentTexts.Text undone = network ? DeploymentTexts.ADD_UNDONE : DeploymentTexts.ADD_UNDONE_LOCAL;
        return new IllegalStateException(undone.of(nodeId, why), failure);
    }

    /**
     * An add that failed while the node joined its channels (a channel change not committed, the
     * node not catching up): it may be a learner or a voter of some of them already, so it leaves
     * those first, as a removal does (demoted, then out of the configuration; a learner only the
     * latter), and is then undone as one that never joined. If it cannot leave, it stays FAILED with
     * both reasons, for its removal to finish.
     */
    RuntimeException undoJoin(Progress progress, Deployer deployer, NodeRecord node, NodeMembership membership,
            String actor, RuntimeException failure) {
        try {
            membership.leave(node, progress);
        } catch (RuntimeException leave) {
            LOG.warn("Could not take {} back out of its channels after its join failed", node.nodeId(), leave);
            String message = DeploymentTexts.ADD_NOT_UNDONE.of(node.nodeId(), reason(failure), reason(leave));
            nodes.byNodeId(node.nodeId()).ifPresent(left -> nodes.failed(left.id(), message));
            return withCauses(new IllegalStateException(message, failure), leave);
        }
        return undo(progress, deployer, node.nodeId(), actor, failure);
    }

    private static RuntimeException withCauses(RuntimeException e, RuntimeException also) {
        e.addSuppressed(also);
        return e;
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
