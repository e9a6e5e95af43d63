package io.consortia.platform.deploy;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import org.springframework.stereotype.Component;

/** A node's log, for its organisation, the consortium leader, the platform admin and auditors. */
@Component
class NodeLogs {
    private final NodeRepository nodes;
    private final ConsortiumService consortia;
    private final Deployers deployers;

    NodeLogs(NodeRepository nodes, ConsortiumService consortia, Deployers deployers) {
        this.nodes = nodes;
        this.consortia = consortia;
        this.deployers = deployers;
    }

    NodeRecord readable(Caller caller, String nodeId) {
        NodeRecord node = nodes.byNodeId(nodeId).orElseThrow(() -> PlatformException.notFound("Node", nodeId));
        Consortium consortium = consortia.requireNodeVisible(caller, node.consortiumId(), nodeId);
        if (!NodePolicy.canReadLogs(caller, consortium, node.organizationId())) {
            throw PlatformException.forbidden("A node's log is visible to its organisation and the consortium leader");
        }
        return node;
    }

    String read(Caller caller, String nodeId, int lines) {
        NodeRecord node = readable(caller, nodeId);
        if (lines < 1 || lines > 5000) {
            throw InvalidFields.field("lines", "must be between 1 and 5000");
        }
        return deployers.of(node).logs(node, lines);
    }
}
