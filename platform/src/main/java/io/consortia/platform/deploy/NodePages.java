package io.consortia.platform.deploy;

import io.consortia.platform.console.ConsolePage;
import io.consortia.platform.console.OrganizationNames;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Nodes tab (status, height, Raft role, resources, restart, add), node logs, and deployment progress. */
@ConsolePage
class NodePages {
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final NodeRepository nodes;
    private final Deployer deployer;
    private final NodeVitals vitals;
    private final NodeLogs logs;
    private final DeploymentService deployments;
    private final OrganizationService organizations;

    NodePages(CurrentUser currentUser, ConsortiumService consortia, NodeRepository nodes, Deployer deployer,
            NodeVitals vitals, NodeLogs logs, DeploymentService deployments, OrganizationService organizations) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.nodes = nodes;
        this.deployer = deployer;
        this.vitals = vitals;
        this.logs = logs;
        this.deployments = deployments;
        this.organizations = organizations;
    }

    /** A node's row: the record, per-channel heights, Raft roles and resource use. */
    record Row(NodeRecord node, java.util.Map<String, Long> heights, NodeVitals.Vitals vitals, boolean canRestart) {}

    @GetMapping("/console/consortia/{id}/nodes")
    String nodes(@PathVariable long id, @RequestParam(required = false) Long deployment, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        boolean leader = caller.isAdminOf(consortium.leaderOrganizationId());
        List<Row> rows = nodes.ofConsortium(id).stream().map(n -> new Row(n,
                n.status() == NodeStatus.RUNNING ? deployer.heights(n) : java.util.Map.of(), vitals.of(n),
                leader || caller.isAdminOf(n.organizationId()))).toList();
        model.addAttribute("consortium", consortium);
        model.addAttribute("rows", rows);
        model.addAttribute("organizationNames", OrganizationNames.of(organizations));
        model.addAttribute("addableOrganizations", consortia.members(id).stream()
                .filter(o -> leader || caller.isAdminOf(o.id())).toList());
        model.addAttribute("deployment", deployment == null ? null : deployments.get(caller, deployment));
        return "console/nodes";
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

    @GetMapping("/console/deployments/{deploymentId}/progress")
    String progress(@PathVariable long deploymentId, Model model) {
        model.addAttribute("deployment", deployments.get(currentUser.get(), deploymentId));
        return "console/progress-fragment";
    }
}
