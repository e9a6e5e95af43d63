package io.consortia.platform.deploy;

import io.consortia.common.Poll;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.NodeCredentials;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.system.PlatformProperties;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The node-level steps deployments are made of: create, start and wait, stop, remove. */
@Component
class NodeOperations {
    private final Deployers deployers;
    private final NodeRepository nodes;
    private final CustodyService custody;
    private final PlatformProperties properties;
    /** Looked up when a node is removed: the certificate feature depends on deployments, not the other way. */
    private final ObjectProvider<NodeRevocations> revocations;
    private final ObjectProvider<CredentialReloads> reloads;

    NodeOperations(Deployers deployers, NodeRepository nodes, CustodyService custody, PlatformProperties properties,
            ObjectProvider<NodeRevocations> revocations, ObjectProvider<CredentialReloads> reloads) {
        this.deployers = deployers;
        this.nodes = nodes;
        this.custody = custody;
        this.properties = properties;
        this.revocations = revocations;
        this.reloads = reloads;
    }

    Deployers deployers() {
        return deployers;
    }

    /** Places the node, issues its certificates and writes its files. */
    NodeRecord create(Progress progress, long consortiumId, Organization organization, String nodeId) {
        NetworkPlan.PlannedNode planned = prepare(progress, consortiumId, organization, nodeId);
        NodeRecord node = planned.record();
        progress.step(DeploymentTexts.WRITE_CONFIGURATION.of(nodeId), nodeId,
                () -> deployers.of(node).install(node, planned.installation()));
        return node;
    }

    /**
     * Places the node and issues its certificates, valid for the names its target gives it;
     * writing them where the node runs is left to the caller (a desired-state target writes a
     * whole network at once).
     */
    NetworkPlan.PlannedNode prepare(DeploymentSteps progress, long consortiumId, Organization organization,
            String nodeId) {
        Deployer deployer = deployers.ofConsortium(consortiumId);
        DeploymentTexts.Text what = deployer instanceof NetworkDeployer ? DeploymentTexts.CHOOSE_ADDRESS
                : DeploymentTexts.ALLOCATE;
        NodePlacement placement = progress.step(what.of(nodeId), nodeId,
                () -> deployer.place(consortiumId, nodeId));
        long id = nodes.insert(nodeId, consortiumId, organization.id(), placement);
        NodeRecord node = nodes.get(id);
        NodeCredentials credentials = progress.step(DeploymentTexts.ISSUE_CERTIFICATES.of(nodeId), nodeId,
                () -> custody.issueNode(consortiumId, organization.id(), nodeId, deployer.tlsHosts(placement)));
        return new NetworkPlan.PlannedNode(node, new NodeInstallation(nodeId, organization.name(),
                credentials.signing(), credentials.tls(), custody.tlsRoots(consortiumId)));
    }

    /** A member organisation with its roots and its prepared nodes, for a desired-state target. */
    NetworkPlan.Member member(long consortiumId, Organization organization, java.util.List<NetworkPlan.PlannedNode> planned) {
        return new NetworkPlan.Member(organization, custody.root(consortiumId, organization.id()),
                custody.tlsRoot(consortiumId, organization.id()), planned);
    }

    void start(Progress progress, NodeRecord node) {
        Deployer deployer = deployers.of(node);
        progress.step(DeploymentTexts.START.of(node.nodeId()), node.nodeId(), () -> {
            if (deployer.selfHealing()) {
                deployer.start(node);
                nodes.startedByHand(node.id(), null);
                return DeploymentTexts.CLUSTER_STARTS.of();
            }
            if (deployer.isRunning(node)) {
                return DeploymentTexts.ALREADY_RUNNING.of();
            }
            long pid = deployer.start(node);
            nodes.startedByHand(node.id(), pid);
            return DeploymentTexts.PROCESS.of(pid);
        });
    }

    void awaitServing(Progress progress, NodeRecord stale) {
        Deployer deployer = deployers.of(stale);
        progress.step(DeploymentTexts.AWAIT_SERVING.of(stale.nodeId()), stale.nodeId(), () -> {
            Duration timeout = properties.node().startTimeout();
            return Poll.until(timeout, Duration.ofMillis(250), () -> {
                NodeRecord node = nodes.get(stale.id());
                if (deployer.isServing(node)) {
                    nodes.status(node.id(), NodeStatus.RUNNING);
                    return DeploymentTexts.SERVING_AT.of(node.apiAddress());
                }
                if (!deployer.isRunning(node)) {
                    nodes.failed(node.id(), SupervisorNotes.exitedDuringStart());
                    throw new IllegalStateException(DeploymentTexts.EXITED_DURING_START.of(node.nodeId(),
                            withoutStackFrames(deployer.logs(node, 200))));
                }
                return null;
            }).orElseThrow(() -> new IllegalStateException(timedOut(deployer, nodes.get(stale.id()), timeout)));
        });
    }

    /** A start that timed out says what the node's log ends with: a failed add is undone, its log deleted. */
    private static String timedOut(Deployer deployer, NodeRecord node, Duration timeout) {
        String log;
        try {
            log = withoutStackFrames(deployer.logs(node, 30));
        } catch (RuntimeException e) {
            log = ""; // a log that cannot be read does not hide the timeout
        }
        return log.isBlank() ? DeploymentTexts.START_TIMED_OUT.of(node.nodeId(), timeout.toSeconds())
                : DeploymentTexts.START_TIMED_OUT_LOG.of(node.nodeId(), timeout.toSeconds(), log);
    }

    void stop(DeploymentSteps progress, NodeRecord node) {
        Deployer deployer = deployers.of(node);
        progress.step(DeploymentTexts.STOP.of(node.nodeId()), node.nodeId(), () -> {
            nodes.stopped(node.id()); // first, so the supervisor does not restart it
            deployer.stop(node);
            return null;
        });
    }

    /**
     * Revokes the node's certificates (they are never just forgotten), then deletes its files and
     * record. {@code reason} says why, as a revocation's reason.
     */
    void remove(DeploymentSteps progress, NodeRecord node, String actor, String reason) {
        Deployer deployer = deployers.of(node);
        progress.step(DeploymentTexts.REVOKE_NODE.of(node.nodeId()), node.nodeId(),
                () -> revocations.getObject().revoke(node, actor, reason));
        progress.step(DeploymentTexts.REMOVE.of(node.nodeId()), node.nodeId(), () -> {
            deployer.remove(node);
            nodes.delete(node.id());
            return null;
        });
    }

    /**
     * Rewrites the node's trusted TLS roots (those of the consortium's members now) and, where the
     * target rewrote the file, has the running node read it again: a node that never shared a
     * channel with a removed organisation learns of its removal only from this file, and would
     * otherwise accept its certificates until it restarts.
     */
    void replaceTrustedRoots(DeploymentSteps progress, NodeRecord node) {
        Deployer deployer = deployers.of(node);
        progress.step(DeploymentTexts.REWRITE_ROOTS.of(node.nodeId()), node.nodeId(),
                () -> deployer.replaceTrustedRoots(node, custody.tlsRoots(node.consortiumId())));
        if (!deployer.replacesTrustedRoots()) {
            return;
        }
        progress.step(DeploymentTexts.RELOAD_ROOTS.of(node.nodeId()), node.nodeId(), () -> {
            if (!deployer.isServing(node)) {
                return DeploymentTexts.READS_WHEN_STARTS.of();
            }
            return reloads.getObject().reload(node);
        });
    }

    /** Puts the removed node's revoked certificates on chain; fails, saying so, when it cannot. */
    void publishRevocations(DeploymentSteps progress, NodeRecord node) {
        revocations.getObject().publish(progress, node);
    }

    /** The log's last lines that are not stack frames: the messages a person can act on. */
    static String withoutStackFrames(String log) {
        java.util.List<String> lines = log.lines().filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... "))
                .toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
    }
}
