package io.consortia.platform.backup;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.DeploymentService;
import io.consortia.platform.deploy.NodeLifecycle;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.web.ConsolePage;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Backups tab: back up a node, the node backups with restore, and (platform admins) platform backups. */
@ConsolePage
class BackupPages {
    private final CurrentUser currentUser;
    private final ConsortiumService consortia;
    private final NodeLifecycle lifecycle;
    private final NodeBackupService nodeBackups;
    private final PlatformBackupService platformBackups;
    private final DeploymentService deployments;

    BackupPages(CurrentUser currentUser, ConsortiumService consortia, NodeLifecycle lifecycle,
            NodeBackupService nodeBackups, PlatformBackupService platformBackups, DeploymentService deployments) {
        this.currentUser = currentUser;
        this.consortia = consortia;
        this.lifecycle = lifecycle;
        this.nodeBackups = nodeBackups;
        this.platformBackups = platformBackups;
        this.deployments = deployments;
    }

    /** A node with whether the caller may back it up and restore it. */
    record NodeRow(NodeRecord node, boolean canManage) {}

    record BackupRow(NodeBackupRecord backup, boolean canRestore, boolean canDownload) {}

    @GetMapping("/console/consortia/{id}/backups")
    String backups(@PathVariable long id, @RequestParam(required = false) Long deployment, Model model) {
        Caller caller = currentUser.get();
        Consortium consortium = consortia.requireVisible(caller, id);
        List<NodeRecord> nodes = lifecycle.nodes(id);
        model.addAttribute("consortium", consortium);
        model.addAttribute("nodes", nodes.stream()
                .map(n -> new NodeRow(n, BackupPolicy.canManageNode(caller, consortium, n.organizationId()))).toList());
        model.addAttribute("backups", nodeBackups.list(caller, id).stream().map(b -> {
            NodeRecord node = nodes.stream().filter(n -> n.nodeId().equals(b.nodeId())).findFirst().orElse(null);
            boolean manages = node != null && BackupPolicy.canManageNode(caller, consortium, node.organizationId());
            return new BackupRow(b, b.available() && manages,
                    b.available() && manages && nodeBackups.mayDownload(caller, consortium, node, b));
        }).toList());
        model.addAttribute("platformBackups", BackupPolicy.canBackUpPlatform(caller) ? platformBackups.list(caller) : null);
        model.addAttribute("deployment", deployment == null ? null : deployments.get(caller, deployment));
        return "console/backups";
    }
}
