package io.consortia.platform.deploy;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Nodes")
class NodeController {
    private final NodeRepository nodes;
    private final ConsortiumService consortia;
    private final Deployers deployers;
    private final CurrentUser currentUser;
    private final NodeLogs logs;

    NodeController(NodeRepository nodes, ConsortiumService consortia, Deployers deployers, CurrentUser currentUser,
            NodeLogs logs) {
        this.nodes = nodes;
        this.consortia = consortia;
        this.deployers = deployers;
        this.currentUser = currentUser;
        this.logs = logs;
    }

    /**
     * A node as people see it: status, restarts, address, per-channel heights, the channels it
     * does not serve with its reason and the channels it serves that have no Raft leader (a
     * RUNNING node whose {@code /health} says DEGRADED); where the target knows more (a pod), whether it is ready and
     * the cluster's recent events about it. {@code lastError} is the supervisor's last note and
     * {@code lastErrorAt} when it was written; a note goes once the node has served for
     * {@code consortia.node.crash-window} after it, or when the node is started by hand. A node
     * that does not run has no {@code pid}.
     */
    record NodeView(String nodeId, long organizationId, String status, String desiredState, String apiAddress,
            int metricsPort, Long pid, int restarts, String lastError, java.time.Instant lastErrorAt,
            Map<String, Long> heights,
            Map<String, String> failedChannels, List<String> leaderlessChannels, Boolean ready, List<String> events) {}

    @Operation(summary = "The network's nodes with status and block heights")
    @GetMapping("/consortia/{id}/nodes")
    List<NodeView> list(@PathVariable long id) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        List<NodeRecord> records = nodes.ofConsortium(id);
        Map<String, NodeObservation> observed = deployers.observe(records);
        return records.stream().map(n -> view(n, NodeErrors.shownTo(caller, consortium, n),
                observed.getOrDefault(n.nodeId(), NodeObservation.NONE))).toList();
    }

    @Operation(summary = "The last lines of a node's log (its organisation, the leader, platform admin, auditor)")
    @GetMapping(value = "/nodes/{nodeId}/logs", produces = MediaType.TEXT_PLAIN_VALUE)
    String logs(@PathVariable String nodeId, @RequestParam(defaultValue = "200") int lines) {
        return logs.read(currentUser.get(), nodeId, lines);
    }

    /**
     * @param lastError the node's last error as the caller may see it (without its log lines, maybe)
     * @param seen what its target observes of it
     */
    NodeView view(NodeRecord node, String lastError, NodeObservation seen) {
        Deployer deployer = deployers.of(node);
        NodeVitals vitals = node.status() == NodeStatus.RUNNING ? deployer.vitals(node) : NodeVitals.NONE;
        return new NodeView(node.nodeId(), node.organizationId(), seen.status(node.status()).name(), node.desiredState(),
                node.apiAddress(), node.metricsPort(), node.pid(),
                seen.restarts() == null ? node.restarts() : seen.restarts(), lastError,
                lastError == null || node.lastErrorAt() == null ? null : java.time.Instant.ofEpochMilli(node.lastErrorAt()),
                vitals.heights(),
                vitals.failedChannels(), vitals.leaderlessChannels(), seen.ready(), seen.events());
    }
}
