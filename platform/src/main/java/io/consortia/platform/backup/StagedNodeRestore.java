package io.consortia.platform.backup;

import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NodeLifecycle;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.protocol.v1.RestoreOutcome;
import io.consortia.protocol.v1.StagedChannel;
import io.consortia.protocol.v1.StagedRestore;
import io.consortia.sdk.AdminClient;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Restores a node whose files the platform cannot reach, such as a pod's on its volume: the
 * archive goes to the node through its admin API, which checks it while the node runs and keeps
 * it; the node applies it when it next starts, before opening its channels. The platform then
 * restarts it (on a cluster: deletes its pod, which its StatefulSet recreates on the same volume)
 * and reads from the node whether the restore was applied, since a failed one leaves the node
 * running on its previous ledgers.
 */
final class StagedNodeRestore {
    private final NetworkClients clients;

    StagedNodeRestore(NetworkClients clients) {
        this.clients = clients;
    }

    void restore(NodeLifecycle.Steps steps, NodeRecord node, NodeBackupRecord backup, Path archive) {
        String nodeId = node.nodeId();
        steps.step(DeploymentTexts.STAGE_RESTORE.of(nodeId, backup.id()), nodeId, () -> {
            StagedRestore staged;
            try (AdminClient admin = clients.admin(node)) {
                staged = admin.stageRestore(archive, backup.sha256());
            }
            return "checked and kept by the node: " + staged.getChannelsList().stream()
                    .map(StagedChannel::getName).collect(Collectors.joining(", "));
        });
        steps.stop(node);
        steps.start(node);
        steps.awaitServing(node);
        steps.step(DeploymentTexts.CHECK_RESTORED.of(nodeId, backup.id()), nodeId, () -> {
            RestoreOutcome outcome;
            try (AdminClient admin = clients.admin(node)) {
                outcome = admin.status().getLastRestore();
            }
            if (!outcome.getSha256().equals(backup.sha256())) {
                throw new IllegalStateException(nodeId + " started again without applying backup " + backup.id()
                        + (outcome.getSha256().isEmpty() ? "" : " (the restore it applied was of archive "
                                + outcome.getSha256() + ")") + "; it runs on its previous ledgers");
            }
            if (!outcome.getApplied()) {
                throw new IllegalStateException(nodeId + " could not apply backup " + backup.id() + ": "
                        + outcome.getReason() + "; it runs on its previous ledgers");
            }
            return "channels at the backup's heights (" + backup.heights() + ")";
        });
    }
}
