package io.consortia.platform.deploy;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.web.ConsolePage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Nodes tab (status, height, Raft role, resources, restart, add) and node logs. */
@ConsolePage
class NodePages {
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final NodeRepository nodes;
    private final Deployers deployers;
    private final NodeLogs logs;
    private final DeploymentService deployments;
    private final OrganizationService organizations;

    NodePages(CurrentUser currentUser, ConsortiumService consortia, NodeRepository nodes, Deployers deployers,
            NodeLogs logs, DeploymentService deployments, OrganizationService organizations) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.nodes = nodes;
        this.deployers = deployers;
        this.logs = logs;
        this.deployments = deployments;
        this.organizations = organizations;
    }

    /**
     * A node's row: the record, its vitals (heights, Raft roles, resources), what its target
     * observes (a pod's readiness, restarts, events), whether the caller may restart it or read its log, and its
     * last error as the caller may see it (without the log lines unless the caller may read its log)
     * with when it was written, so that a note next to RUNNING reads as past.
     */
    record Row(NodeRecord node, NodeVitals vitals, NodeObservation observed, boolean canRestart, boolean canRemove,
            boolean canReadLogs, String lastError, java.time.Instant lastErrorAt) {}

    @GetMapping("/console/consortia/{id}/nodes")
    String nodes(@PathVariable long id, @RequestParam(required = false) Long deployment, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        List<NodeRecord> records = nodes.ofConsortium(id);
        Map<String, NodeObservation> observed = deployers.observe(records);
        List<Row> rows = records.stream().map(n -> {
            Deployer deployer = deployers.of(n);
            boolean canManage = NodePolicy.canManage(caller, consortium, n.organizationId());
            return new Row(n, deployer.vitals(n), observed.getOrDefault(n.nodeId(), NodeObservation.NONE), canManage,
                    canManage && removable(n), NodePolicy.canReadLogs(caller, consortium, n.organizationId()),
                    NodeErrors.shownTo(caller, consortium, n),
                    n.lastErrorAt() == null ? null : java.time.Instant.ofEpochMilli(n.lastErrorAt()));
        }).toList();
        model.addAttribute("consortium", consortium);
        model.addAttribute("rows", rows);
        model.addAttribute("organizationNames", organizations.names());
        model.addAttribute("addableOrganizations", consortia.members(id).stream()
                .filter(o -> NodePolicy.canManage(caller, consortium, o.id())).toList());
        model.addAttribute("deployment", deployment == null ? null : deployments.get(caller, deployment));
        return "console/nodes";
    }

    /**
     * Whether the node's target can take it out of a running network: any node on LOCAL, only an
     * organisation's last pod (not its only one) on KUBERNETES, where the API answers 409 otherwise.
     */
    private boolean removable(NodeRecord node) {
        try {
            if (deployers.of(node) instanceof NetworkDeployer network) {
                if (!network.changesNodes()) {
                    return false;
                }
                network.requireRemovable(node);
            }
            return true;
        } catch (RuntimeException e) { // refused, or a target this platform is not configured for
            return false;
        }
    }

    /** The tail of a node's log, optionally only lines containing {@code q} (case ignored). */
    @GetMapping("/console/nodes/{nodeId}/logs")
    String logs(@PathVariable String nodeId, @RequestParam(defaultValue = "200") int lines,
            @RequestParam(required = false) String q, @RequestParam(required = false) String fragment, Model model) {
        Caller caller = currentUser.get();
        NodeRecord node = logs.readable(caller, nodeId);
        if (q != null && q.length() > 200) {
            throw PlatformException.invalid("The search text is limited to 200 characters");
        }
        String text = logs.read(caller, nodeId, lines);
        List<String> shown = Arrays.stream(text.split("\n"))
                .filter(line -> q == null || q.isBlank()
                        || line.toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)))
                .toList();
        model.addAttribute("node", node);
        model.addAttribute("consortium", consortia.requireVisible(caller, node.consortiumId()));
        model.addAttribute("lines", lines);
        model.addAttribute("q", q);
        model.addAttribute("logLines", shown);
        return fragment != null ? "console/logs :: log" : "console/logs";
    }
}
