package io.consortia.platform.deploy;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The nodes of a network as other features see them: values to read, never the repository
 * deployments write through.
 */
@Service
public class Nodes {
    private final NodeRepository nodes;

    Nodes(NodeRepository nodes) {
        this.nodes = nodes;
    }

    public List<NodeRecord> ofConsortium(long consortiumId) {
        return nodes.ofConsortium(consortiumId);
    }

    /** Every node of every consortium (the metrics scraper's round). */
    public List<NodeRecord> all() {
        return nodes.all();
    }

    public Optional<NodeRecord> byNodeId(String nodeId) {
        return nodes.byNodeId(nodeId);
    }
}
