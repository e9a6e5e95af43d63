package io.consortia.platform.deploy;

import io.consortia.common.DaemonThreads;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deploy, stop, start and delete a consortium's network, and add nodes. Each call checks its
 * preconditions, records a deployment and returns at once; the work runs in the background and
 * its steps are visible through {@link #get}. One deployment per consortium at a time.
 */
@Service
public class DeploymentService {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentService.class);
    public static final String FIRST_CHANNEL = "main";
    /** Revocation reasons of a deleted node's certificates: the CRL reason, then why. */
    static final String NODE_DELETED = "cessationOfOperation: node deleted";
    static final String MEMBER_REMOVED = "cessationOfOperation: organisation removed from the consortium";
    static final String NETWORK_DELETED = "cessationOfOperation: network deleted";
    /** A node whose add failed before it joined a channel, taken back out ({@link NodeAddUndo}). */
    static final String NODE_ADD_FAILED = "cessationOfOperation: node add failed";
    private final DeploymentRepository deployments;
    private final NodeRepository nodes;
    private final NodeOperations operations;
    private final ConsortiumService consortia;
    private final OrganizationService organizations;
    private final NetworkChannels channels;
    private final NodeMembership membership;
    private final NodeAddUndo undo;
    private final ClusterMembers clusterMembers;
    private final Set<Long> busy = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newFixedThreadPool(2, DaemonThreads.named("deployment"));

    DeploymentService(DeploymentRepository deployments, NodeRepository nodes, NodeOperations operations,
            ConsortiumService consortia, OrganizationService organizations, NetworkChannels channels,
            NodeMembership membership) {
        this.membership = membership;
        this.undo = new NodeAddUndo(nodes, operations);
        this.clusterMembers = new ClusterMembers(nodes, operations);
        this.deployments = deployments;
        this.nodes = nodes;
        this.operations = operations;
        this.consortia = consortia;
        this.organizations = organizations;
        this.channels = channels;
    }

    /** Creates and starts every member's nodes, then the first channel with every member. */
    public Deployment deploy(Caller caller, long consortiumId, String firstChannel) {
        Consortium consortium = requireNetworkRunner(caller, consortiumId);
        String channel = firstChannel == null || firstChannel.isBlank() ? FIRST_CHANNEL : firstChannel;
        if (!channel.matches("[a-z][a-z0-9-]{0,29}")) {
            throw InvalidFields.field("channel", "must be 1-30 of a-z, 0-9 and '-', starting with a letter");
        }
        if (consortium.status() == ConsortiumStatus.DEPLOYING) {
            // a second click: the first deployment runs; deleting would be the wrong advice
            throw PlatformException.conflict("The network of consortium " + consortiumId + " is being deployed;"
                    + " follow that deployment (GET /api/v1/consortia/" + consortiumId + "/deployments, or the"
                    + " consortium's Nodes page)");
        }
        if (consortium.status() != ConsortiumStatus.CREATED && consortium.status() != ConsortiumStatus.FAILED) {
            throw PlatformException.conflict("The network of consortium " + consortiumId + " is "
                    + consortium.status() + "; delete it before deploying again");
        }
        Deployer deployer = operations.deployers().forTarget(consortium.deploymentTarget());
        if (deployer instanceof NetworkDeployer network) {
            return launch(caller, consortiumId, "DEPLOY", ConsortiumStatus.DEPLOYING, progress -> {
                removeAll(progress, consortiumId, caller.username());
                List<NetworkPlan.Member> members = new java.util.ArrayList<>();
                for (Organization organization : consortia.members(consortiumId)) {
                    List<NetworkPlan.PlannedNode> planned = new java.util.ArrayList<>();
                    for (int i = 0; i < consortium.nodesPerOrganization(); i++) {
                        planned.add(operations.prepare(progress, consortiumId, organization,
                                nodeId(consortiumId, organization, i)));
                    }
                    members.add(operations.member(consortiumId, organization, planned));
                }
                network.apply(new NetworkPlan(consortium, members), progress);
                List<NodeRecord> created = nodes.ofConsortium(consortiumId);
                created.forEach(node -> operations.start(progress, node));
                created.forEach(node -> operations.awaitServing(progress, node));
                progress.step(DeploymentTexts.CREATE_CHANNEL.of(channel), null, () -> {
                    channels.createFirst(consortiumId, channel);
                    return DeploymentTexts.LEADER_KNOWN.of();
                });
                return ConsortiumStatus.RUNNING;
            });
        }
        return launch(caller, consortiumId, "DEPLOY", ConsortiumStatus.DEPLOYING, progress -> {
            removeAll(progress, consortiumId, caller.username());
            List<NodeRecord> created = new java.util.ArrayList<>();
            for (Organization organization : consortia.members(consortiumId)) {
                for (int i = 0; i < consortium.nodesPerOrganization(); i++) {
                    // A network deployed again (after a delete or a failure) gets fresh node ids too.
                    created.add(operations.create(progress, consortiumId, organization,
                            nodeId(consortiumId, organization, nodes.nextIndex(consortiumId, organization.id()))));
                }
            }
            created.forEach(node -> operations.start(progress, node));
            created.forEach(node -> operations.awaitServing(progress, node));
            progress.step(DeploymentTexts.CREATE_CHANNEL.of(channel), null, () -> {
                channels.createFirst(consortiumId, channel);
                return DeploymentTexts.LEADER_KNOWN.of();
            });
            deployer.networkUp(nodes.ofConsortium(consortiumId));
            return ConsortiumStatus.RUNNING;
        });
    }

    /**
     * A node's id, unique on the platform; on Kubernetes also its pod's name. Its index is never
     * one a node of the organisation had before in the consortium ({@link NodeRepository#nextIndex}),
     * except on Kubernetes, whose StatefulSet names a network's pods 0 to n-1 each time it is deployed.
     */
    private String nodeId(long consortiumId, Organization organization, int index) {
        return operations.deployers().ofConsortium(consortiumId).nodeId(consortiumId, organization, index);
    }

    /** Stop and start are a local network's: a cluster keeps its network running until it is deleted. */
    private void requireStoppable(long consortiumId) {
        if (operations.deployers().ofConsortium(consortiumId) instanceof NetworkDeployer) {
            throw PlatformException.conflict("A network on " + consortia.get(consortiumId).deploymentTarget()
                    + " runs until it is deleted: the cluster restarts its nodes, so it cannot be stopped; "
                    + "restart single nodes, or delete the network");
        }
    }

    public Deployment stop(Caller caller, long consortiumId) {
        requireNetworkRunner(caller, consortiumId);
        requireNetwork(consortiumId);
        requireStoppable(consortiumId);
        return launch(caller, consortiumId, "STOP", null, progress -> {
            nodes.ofConsortium(consortiumId).forEach(node -> operations.stop(progress, node));
            return ConsortiumStatus.STOPPED;
        });
    }

    public Deployment start(Caller caller, long consortiumId) {
        requireNetworkRunner(caller, consortiumId);
        requireNetwork(consortiumId);
        requireStoppable(consortiumId);
        return launch(caller, consortiumId, "START", null, progress -> {
            List<NodeRecord> all = nodes.ofConsortium(consortiumId);
            all.forEach(node -> operations.start(progress, node));
            all.forEach(node -> operations.awaitServing(progress, node));
            try {
                progress.step(DeploymentTexts.AWAIT_LEADERS.of(), null, () -> channels.awaitLeaders(consortiumId));
            } catch (RuntimeException e) {
                // Its nodes run and serve: a channel without a leader must not leave the whole consortium
                // STOPPED (nodes could not be added, channels not created, the explorer not follow) for
                // good. The operation still fails, naming the channel, and NO_LEADER alerts on it.
                consortia.setStatus(consortiumId, ConsortiumStatus.RUNNING);
                throw e;
            }
            operations.deployers().ofConsortium(consortiumId).networkUp(nodes.ofConsortium(consortiumId));
            return ConsortiumStatus.RUNNING;
        });
    }

    /** Stops and deletes every node, its files and the channels; the consortium stays, ready to deploy again. */
    public Deployment delete(Caller caller, long consortiumId, String confirm) {
        Consortium consortium = requireNetworkRunner(caller, consortiumId);
        if (confirm == null || !confirm.equals(consortium.name())) {
            throw PlatformException.invalid("To delete the network, repeat the consortium's name in 'confirm'");
        }
        return launch(caller.username(), consortiumId, "DELETE", null, () -> requireSomethingToDelete(consortiumId),
                progress -> {
                    removeAll(progress, consortiumId, caller.username());
                    return ConsortiumStatus.CREATED;
                });
    }

    /** A delete of a network that was never deployed (or is gone) is a 409, not a deployment that does nothing. */
    private void requireSomethingToDelete(long consortiumId) {
        if (nodes.ofConsortium(consortiumId).isEmpty() && !channels.exist(consortiumId)
                && !(operations.deployers().ofConsortium(consortiumId) instanceof NetworkDeployer network
                        && network.hasNetwork(consortiumId))) {
            throw PlatformException.conflict("Consortium " + consortiumId + " has no network to delete (it was never"
                    + " deployed, or it was deleted already)");
        }
    }

    /**
     * Deletes the consortium itself: members, invitations, history, deployments and the keys in
     * custody (consortium leader or platform admin; {@code confirm} repeats its name). Its network
     * must be deleted first ({@link #delete}), so no node keeps running without a record.
     */
    @Transactional
    public void deleteConsortium(Caller caller, long consortiumId, String confirm) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        if (!NodePolicy.canDeleteConsortium(caller, consortium)) {
            throw PlatformException.forbidden("Only the consortium leader or a platform admin may delete a consortium");
        }
        if (confirm == null || !confirm.equals(consortium.name())) {
            throw PlatformException.invalid("To delete the consortium, repeat its name in 'confirm'");
        }
        if (!busy.add(consortiumId)) {
            throw PlatformException.conflict("A deployment of consortium " + consortiumId + " is running; wait for it");
        }
        try {
            if (!nodes.ofConsortium(consortiumId).isEmpty() || channels.exist(consortiumId)) {
                throw PlatformException.conflict("Consortium " + consortiumId + " still has a network; delete it first "
                        + "(DELETE /api/v1/consortia/" + consortiumId + "/network?confirm=<name>)");
            }
            channels.forgetAll(consortiumId); // proposals of the consortium itself (REMOVE_MEMBER) outlive a network
            deployments.deleteOfConsortium(consortiumId);
            consortia.delete(consortiumId);
            LOG.info("{} deleted consortium {} ({})", caller.username(), consortiumId, consortium.name());
        } finally {
            busy.remove(consortiumId);
        }
    }

    /**
     * Adds a node to a member organisation (the leader or that organisation's admin) and joins it
     * to the organisation's channels: as a Raft learner first, a voter once it caught up.
     */
    public Deployment addNode(Caller caller, long consortiumId, long organizationId) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        if (!NodePolicy.canManage(caller, consortium, organizationId)) {
            throw PlatformException.forbidden("Only the consortium leader or the organisation's admin may add its nodes");
        }
        if (!consortia.isMember(consortiumId, organizationId)) {
            throw PlatformException.invalid("Organisation " + organizationId + " is not a member of consortium "
                    + consortiumId);
        }
        Deployer deployer = operations.deployers().ofConsortium(consortiumId);
        if (!(deployer instanceof NetworkDeployer network && network.changesNodes())) {
            requireNodeByNode(consortium, "Adding a node to");
        }
        requireRunning(consortium, "added");
        Organization organization = organizations.get(organizationId);
        if (deployer instanceof NetworkDeployer network && network.changesMembers()
                && nodes.ofOrganization(consortiumId, organizationId).isEmpty()) {
            return deployFirstNodes(caller.username(), network, consortium, organization);
        }
        return launch(caller.username(), consortiumId, "ADD_NODE", null, () -> {
            if (deployer instanceof NetworkDeployer network) {
                network.requireAddable(consortiumId, nodeId(consortiumId, organization, nextIndex(consortiumId,
                        organization)));
            }
        }, progress -> {
            String nodeId = nodeId(consortiumId, organization, nextIndex(consortiumId, organization));
            NodeRecord node;
            try {
                node = createAndStart(progress, consortiumId, organization, nodeId);
            } catch (RuntimeException e) {
                // a node in no channel yet: undone, so the network is as it was
                throw undo.undo(progress, deployer, nodeId, caller.username(), e);
            }
            String joined;
            try {
                joined = membership.join(node, progress);
            } catch (RuntimeException e) {
                throw undo.undoJoin(progress, deployer, node, membership, caller.username(), e);
            }
            consortia.record(consortiumId, organizationId, "NODE_ADDED", caller.username(), node.nodeId() + ": "
                    + joined);
            return ConsortiumStatus.RUNNING;
        });
    }

    /**
     * A member without nodes on a desired-state target (its join's deployment failed and was
     * undone, or it joined before the target could add members) has no StatefulSet to add a pod
     * to: its nodes are deployed as a joining member's are, then joined to the channels it is in.
     */
    private Deployment deployFirstNodes(String requestedBy, NetworkDeployer network, Consortium consortium,
            Organization organization) {
        return launch(requestedBy, consortium.id(), "DEPLOY_MEMBER", null, progress -> {
            List<String> joined = new ArrayList<>();
            for (String nodeId : clusterMembers.deploy(progress, network, consortium, organization, requestedBy)) {
                joined.add(nodeId + ": " + membership.join(nodes.byNodeId(nodeId).orElseThrow(), progress));
            }
            consortia.record(consortium.id(), organization.id(), "NODES_DEPLOYED", requestedBy,
                    String.join("; ", joined));
            return ConsortiumStatus.RUNNING;
        });
    }

    /**
     * Removes one node (the leader or its organisation's admin): it leaves the Raft group of every
     * channel it serves first (demoted, then removed by configuration changes), then it is
     * stopped, its certificates revoked and its storage deleted; last, the revocation is put on
     * chain, and the operation fails, saying so, when a channel does not commit it. The channels
     * keep committing throughout. A node that is the last voter of any of its channels is refused
     * (409) before anything changes.
     */
    public Deployment removeNode(Caller caller, String nodeId) {
        NodeRecord node = nodes.byNodeId(nodeId).orElseThrow(() -> PlatformException.notFound("Node", nodeId));
        Consortium consortium = consortia.requireNodeVisible(caller, node.consortiumId(), nodeId);
        if (!NodePolicy.canManage(caller, consortium, node.organizationId())) {
            throw PlatformException.forbidden("Only the consortium leader or the node's organisation admin may "
                    + "remove it");
        }
        NetworkDeployer network = operations.deployers().ofConsortium(node.consortiumId()) instanceof NetworkDeployer n
                ? n : null;
        if (network != null && !network.changesNodes()) {
            requireNodeByNode(consortium, "Removing a node from");
        }
        requireRunning(consortium, "removed");
        // Every channel is checked before the first one changes (all or nothing), while no other
        // deployment can change the channels' voters (inside the one-at-a-time rule).
        return launch(caller.username(), node.consortiumId(), "REMOVE_NODE", null, () -> {
            if (network != null) {
                network.requireRemovable(node);
            }
            membership.requireLeavable(node);
        }, progress -> {
            String left = membership.leave(node, progress);
            if (network != null) { // stopping a pod is a restart there: the node leaves the desired state instead
                progress.step(DeploymentTexts.REMOVE_POD.of(nodeId), nodeId, () -> network.removeFromNetwork(node));
            } else {
                operations.stop(progress, node);
            }
            operations.remove(progress, nodes.byNodeId(nodeId).orElseThrow(), caller.username(), NODE_DELETED);
            consortia.record(node.consortiumId(), node.organizationId(), "NODE_REMOVED", caller.username(), nodeId
                    + ": " + left);
            operations.publishRevocations(progress, node);
            return ConsortiumStatus.RUNNING;
        });
    }

    /**
     * Runs another feature's work on the running network as a recorded deployment named
     * {@code action}, with the same one-at-a-time rule (409 while another runs). Returns at once.
     */
    public Deployment operate(String requestedBy, long consortiumId, String action, NodeOperation work) {
        return launch(requestedBy, consortiumId, action, null, progress -> {
            work.run(progress);
            return consortia.get(consortiumId).status();
        });
    }

    /**
     * The nodes of an organisation that became a member while the network runs: created and
     * started like the first members' (certificates from its CA, every member's TLS root
     * trusted). They serve no channel until a channel proposal adds the organisation.
     */
    public Deployment deployMember(String requestedBy, long consortiumId, long organizationId) {
        Consortium consortium = consortia.get(consortiumId);
        Deployer deployer = operations.deployers().ofConsortium(consortiumId);
        if (!(deployer instanceof NetworkDeployer network && network.changesMembers())) {
            requireNodeByNode(consortium, "Deploying a new member's nodes in");
        }
        requireRunning(consortium, "deployed for a new member");
        Organization organization = organizations.get(organizationId);
        return launch(requestedBy, consortiumId, "DEPLOY_MEMBER", null, progress -> {
            int missing = consortium.nodesPerOrganization() - nodes.ofOrganization(consortiumId, organizationId).size();
            List<String> created = new java.util.ArrayList<>();
            if (deployer instanceof NetworkDeployer network) {
                created.addAll(clusterMembers.deploy(progress, network, consortium, organization, requestedBy));
            } else {
                for (int i = 0; i < missing; i++) {
                    created.add(createAndStart(progress, consortiumId, organization).nodeId());
                }
            }
            consortia.record(consortiumId, organizationId, "NODES_DEPLOYED", requestedBy, String.join(", ", created)
                    + " (in no channel until a proposal adds the organisation)");
            return ConsortiumStatus.RUNNING;
        });
    }

    /**
     * Stops and deletes every node of an organisation, revoking their certificates (it has left
     * every channel first, so no channel lists its revocations).
     */
    public void removeOrganizationNodes(DeploymentSteps steps, long consortiumId, long organizationId, String actor) {
        if (operations.deployers().ofConsortium(consortiumId) instanceof NetworkDeployer network) {
            clusterMembers.remove(steps, network, consortiumId, nodes.ofOrganization(consortiumId, organizationId),
                    actor, MEMBER_REMOVED);
            return;
        }
        for (NodeRecord node : nodes.ofOrganization(consortiumId, organizationId)) {
            operations.stop(steps, node);
            operations.remove(steps, nodes.byNodeId(node.nodeId()).orElseThrow(), actor, MEMBER_REMOVED);
        }
    }

    /**
     * After an organisation left the consortium: the remaining nodes' trusted TLS roots, written at
     * their deployment, list the members now and the running nodes reload them, so that neither
     * they nor a restart trust it again. A node that fails does not keep the others from it; the
     * operation then fails naming it (its step says why).
     */
    public void replaceTrustedRoots(DeploymentSteps steps, long consortiumId) {
        List<String> failed = new ArrayList<>();
        for (NodeRecord node : nodes.ofConsortium(consortiumId)) {
            try {
                operations.replaceTrustedRoots(steps, node);
            } catch (RuntimeException e) { // recorded in the node's step
                failed.add(node.nodeId());
            }
        }
        if (!failed.isEmpty()) {
            steps.step(DeploymentTexts.ROOTS_IN_FORCE.of(), null, () -> {
                throw new IllegalStateException(DeploymentTexts.ROOTS_NOT_IN_FORCE.of(failed));
            });
        }
    }

    private NodeRecord createAndStart(Progress progress, long consortiumId, Organization organization) {
        // Never the index of a node the organisation had before, even a deleted one: the channel's
        // peers would otherwise take the new node for the old one (its old address, its old log).
        return createAndStart(progress, consortiumId, organization,
                nodeId(consortiumId, organization, nextIndex(consortiumId, organization)));
    }

    private NodeRecord createAndStart(Progress progress, long consortiumId, Organization organization,
            String nodeId) {
        NodeRecord node = operations.create(progress, consortiumId, organization, nodeId);
        operations.start(progress, node);
        operations.awaitServing(progress, node);
        return nodes.byNodeId(node.nodeId()).orElseThrow();
    }

    /**
     * A new node's index: never one the organisation had before ({@link NodeRepository#nextIndex}),
     * except on a desired-state target, where it is the next pod of the organisation's StatefulSet.
     */
    private int nextIndex(long consortiumId, Organization organization) {
        return operations.deployers().ofConsortium(consortiumId) instanceof NetworkDeployer
                ? nodes.ofOrganization(consortiumId, organization.id()).size()
                : nodes.nextIndex(consortiumId, organization.id());
    }

    private static void requireRunning(Consortium consortium, String what) {
        if (consortium.status() != ConsortiumStatus.RUNNING) {
            throw PlatformException.conflict("Nodes can be " + what + " while the network is RUNNING; it is "
                    + consortium.status());
        }
    }

    /**
     * A desired-state target changes a running network's nodes or members only where it says it
     * does ({@link NetworkDeployer#changesNodes}, {@link NetworkDeployer#changesMembers}).
     */
    private void requireNodeByNode(Consortium consortium, String what) {
        if (operations.deployers().ofConsortium(consortium.id()) instanceof NetworkDeployer) {
            throw PlatformException.conflict(what + " a running network on " + consortium.deploymentTarget()
                    + " is not supported yet: the cluster target deploys a whole network's desired state at once, "
                    + "so its organisations are chosen when the consortium is created (nodes can be added to and "
                    + "removed from them). Use the LOCAL target for organisations joining a running network");
        }
    }

    /** Restarts one node (its organisation's admin or the leader): stop, start, wait until it serves. */
    public Deployment restartNode(Caller caller, String nodeId) {
        NodeRecord node = nodes.byNodeId(nodeId).orElseThrow(() -> PlatformException.notFound("Node", nodeId));
        Consortium consortium = consortia.requireNodeVisible(caller, node.consortiumId(), nodeId);
        if (!NodePolicy.canManage(caller, consortium, node.organizationId())) {
            throw PlatformException.forbidden("Only the consortium leader or the node's organisation admin may "
                    + "restart it");
        }
        if (consortium.status() != ConsortiumStatus.RUNNING) {
            throw PlatformException.conflict("Nodes can be restarted while the network is RUNNING; it is "
                    + consortium.status());
        }
        return launch(caller, node.consortiumId(), "RESTART_NODE", null, progress -> {
            operations.stop(progress, node);
            NodeRecord stopped = nodes.byNodeId(nodeId).orElseThrow();
            operations.start(progress, stopped);
            operations.awaitServing(progress, stopped);
            return ConsortiumStatus.RUNNING;
        });
    }

    public Deployment get(Caller caller, long deploymentId) {
        Deployment deployment = deployments.byId(deploymentId)
                .orElseThrow(() -> PlatformException.notFound("Deployment", deploymentId));
        consortia.requireVisible(caller, deployment.consortiumId());
        return deployment;
    }

    /**
     * A deployment without the caller's check: for a page whose own rule decided who sees it (an
     * organisation's leave, followed by its admin after the consortium is no longer theirs).
     */
    public java.util.Optional<Deployment> record(long deploymentId) {
        return deployments.byId(deploymentId);
    }

    public List<Deployment> list(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
        return deployments.ofConsortium(consortiumId);
    }

    /** Whether a deployment of the consortium is running now (the supervisor leaves its nodes alone). */
    public boolean isBusy(long consortiumId) {
        return busy.contains(consortiumId);
    }

    private Consortium requireNetworkRunner(Caller caller, long consortiumId) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        if (!NodePolicy.canRunNetwork(caller, consortium)) {
            throw PlatformException.forbidden("Only the consortium leader (an admin of organisation "
                    + consortium.leaderOrganizationId() + ") may do this");
        }
        return consortium;
    }

    private void requireNetwork(long consortiumId) {
        if (nodes.ofConsortium(consortiumId).isEmpty()) {
            throw PlatformException.conflict("Consortium " + consortiumId + " has no network; deploy it first");
        }
    }

    /** The nodes' certificates are revoked with the network's channels: none is left to list them. */
    private void removeAll(Progress progress, long consortiumId, String actor) {
        List<NodeRecord> existing = nodes.ofConsortium(consortiumId);
        if (operations.deployers().ofConsortium(consortiumId) instanceof NetworkDeployer network) {
            if (existing.isEmpty() && !channels.exist(consortiumId) && !network.hasNetwork(consortiumId)) {
                return;
            }
            network.deleteNetwork(consortiumId, progress); // the cluster removes the nodes with it
            progress.step(DeploymentTexts.FORGET_CHANNELS.of(), null, () -> channels.forgetAll(consortiumId));
            existing.forEach(node -> operations.remove(progress, node, actor, NETWORK_DELETED));
            return;
        }
        if (existing.isEmpty() && !channels.exist(consortiumId)) {
            return;
        }
        existing.forEach(node -> operations.stop(progress, node));
        progress.step(DeploymentTexts.FORGET_CHANNELS.of(), null, () -> channels.forgetAll(consortiumId));
        existing.forEach(node -> operations.remove(progress, node, actor, NETWORK_DELETED));
    }

    interface Work {
        ConsortiumStatus run(Progress progress);
    }

    Deployment launch(Caller caller, long consortiumId, String action, ConsortiumStatus during, Work work) {
        return launch(caller.username(), consortiumId, action, during, work);
    }

    private Deployment launch(String requestedBy, long consortiumId, String action, ConsortiumStatus during,
            Work work) {
        return launch(requestedBy, consortiumId, action, during, () -> { }, work);
    }

    /**
     * As above, with {@code refusal} run first, once no other deployment runs: when it throws,
     * nothing is recorded or started (an up-front refusal, like the caller's own checks).
     */
    private Deployment launch(String requestedBy, long consortiumId, String action, ConsortiumStatus during,
            Runnable refusal, Work work) {
        if (!busy.add(consortiumId)) {
            throw PlatformException.conflict("Another deployment of consortium " + consortiumId
                    + " is running; wait for it to finish");
        }
        long id;
        try {
            refusal.run();
            id = deployments.insert(consortiumId, action, requestedBy);
            if (during != null) {
                consortia.setStatus(consortiumId, during);
            }
        } catch (RuntimeException e) {
            busy.remove(consortiumId);
            throw e;
        }
        Progress progress = new Progress(deployments, id);
        executor.execute(() -> {
            try {
                ConsortiumStatus result = work.run(progress);
                consortia.setStatus(consortiumId, result);
                deployments.finish(id, "SUCCEEDED", null);
            } catch (RuntimeException e) {
                LOG.warn("{} of consortium {} failed", action, consortiumId, e);
                consortia.setStatus(consortiumId, "DEPLOY".equals(action) ? ConsortiumStatus.FAILED
                        : consortia.get(consortiumId).status());
                deployments.finish(id, "FAILED", Interruptions.reason(action, e));
                if ("DEPLOY".equals(action) && !isNetworkTarget(consortiumId)) {
                    nodes.ofConsortium(consortiumId).forEach(node -> stopQuietly(progress, node));
                } // a cluster's network stays as it is, its resource's status and events saying why it failed
            } finally {
                busy.remove(consortiumId);
            }
        });
        return deployments.byId(id).orElseThrow();
    }

    private boolean isNetworkTarget(long consortiumId) {
        try {
            return operations.deployers().ofConsortium(consortiumId) instanceof NetworkDeployer;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void stopQuietly(Progress progress, NodeRecord node) {
        try {
            operations.stop(progress, node);
        } catch (RuntimeException e) {
            LOG.warn("Could not stop {} after a failed deployment", node.nodeId(), e);
        }
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
