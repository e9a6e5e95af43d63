package io.consortia.platform.deploy;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes an add to a desired-state network that failed before the node joined a channel (its pod
 * never got Ready, the Secret or the resource could not be written, it did not answer): the node
 * written into the network's desired state stays there otherwise, with its keys and volume claim,
 * a record the user had to remove before adding again. It is taken back out as the removal of a
 * last pod takes one, its certificates revoked and its record deleted, so the network is as it was
 * and the next add takes the same place. Once the node joined a channel it is a Raft member, and
 * only its removal (leaving Raft first) takes it out.
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
    RuntimeException undo(Progress progress, NetworkDeployer network, String nodeId, String actor,
            RuntimeException failure) {
        String why = reason(failure);
        Optional<NodeRecord> recorded = nodes.byNodeId(nodeId);
        if (recorded.isEmpty()) { // it failed before it had a record, and so before anything was written
            return failure;
        }
        NodeRecord node = recorded.get();
        try {
            progress.step(DeploymentTexts.UNDO_ADD.of(nodeId), nodeId, () -> network.removeFromNetwork(node));
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
            return withCauses(new IllegalStateException(DeploymentTexts.ADD_UNDONE_UNPUBLISHED.of(nodeId, why,
                    reason(unpublished)), failure), unpublished);
        }
        return new IllegalStateException(DeploymentTexts.ADD_UNDONE.of(nodeId, why), failure);
    }

    private static RuntimeException withCauses(RuntimeException e, RuntimeException also) {
        e.addSuppressed(also);
        return e;
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
