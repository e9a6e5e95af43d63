package io.consortia.platform.deploy;

import io.consortia.platform.system.PlatformAction;
import io.consortia.platform.system.PlatformProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Keeps nodes at their desired state. At platform start it adopts nodes that are still running
 * and restarts those that should run but do not; afterwards, every
 * {@code consortia.node.supervision-interval}, a node that exited on its own is reported
 * (status CRASHED, restart count, log tail) and restarted, and a started node that answers its
 * health check becomes RUNNING. A RUNNING node whose process runs but has not answered its health
 * check for {@code consortia.node.liveness-timeout} (hung, or a channel's Raft member stopped) is
 * reported and restarted the same way. {@code max-restarts} bounds a crash loop, not the node's
 * lifetime: a node whose crashes each came less than {@code consortia.node.crash-window} after the
 * one before, {@code max-restarts} times since it was last started by hand, is left FAILED at the
 * next crash until it is started again (a start by hand ends the loop).
 *
 * <p>What it does on its own (a restart, a node given up on, a deployment failed because a restart
 * interrupted it) is published as a {@link PlatformAction}, which the audit trail records as the
 * platform's: the node's operator sees it in the node's note, the auditor in the trail.
 */
@Component
class Supervisor {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private final NodeRepository nodes;
    private final DeploymentRepository deployments;
    private final DeploymentService deploymentService;
    private final Deployers deployers;
    private final TaskScheduler scheduler;
    private final PlatformProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private ScheduledFuture<?> task;
    /** Since when each RUNNING node has failed its health check, by node record id. */
    private final Map<Long, Instant> notServingSince = new ConcurrentHashMap<>();

    @Autowired
    Supervisor(NodeRepository nodes, DeploymentRepository deployments, DeploymentService deploymentService,
            Deployers deployers, TaskScheduler scheduler, PlatformProperties properties,
            ApplicationEventPublisher events) {
        this(nodes, deployments, deploymentService, deployers, scheduler, properties, events, Clock.systemUTC());
    }

    Supervisor(NodeRepository nodes, DeploymentRepository deployments, DeploymentService deploymentService,
            Deployers deployers, TaskScheduler scheduler, PlatformProperties properties,
            ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
        this.nodes = nodes;
        this.deployments = deployments;
        this.deploymentService = deploymentService;
        this.deployers = deployers;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void adopt() {
        List<DeploymentRepository.Interrupted> interrupted = deployments.failInterrupted();
        if (!interrupted.isEmpty()) {
            LOG.warn("{} deployment(s) were interrupted by the last platform stop", interrupted.size());
        }
        for (DeploymentRepository.Interrupted deployment : interrupted) {
            events.publishEvent(new PlatformAction("platform-start", "deployment.fail", null,
                    "deployment=" + deployment.id(), 200, PlatformAction.facts("deployment", deployment.id(),
                            "deploymentAction", deployment.action(), "consortium", deployment.consortiumId(),
                            "requestedBy", deployment.requestedBy(), "deploymentStatus", "FAILED",
                            "reason", Interruptions.reason(deployment.action()))));
        }
        for (NodeRecord node : nodes.all()) {
            if (node.shouldRun()) {
                try {
                    adopt(node);
                } catch (RuntimeException e) {
                    nodes.failed(node.id(), SupervisorNotes.notRestartedAtStart(e.getMessage()));
                    LOG.error("Node {} could not be restarted at platform start", node.nodeId(), e);
                    acted(node, "node.restart", 500, "FAILED", "not running at platform start; restarting it failed: "
                            + e.getMessage(), null);
                }
            }
        }
        task = scheduler.scheduleWithFixedDelay(this::check, properties.node().supervisionInterval());
    }

    private void adopt(NodeRecord node) {
        Deployer deployer = deployers.of(node);
        if (deployer.selfHealing()) {
            observed(node, deployer.observe(node)); // the cluster kept it running while the platform was away
            return;
        }
        if (deployer.isRunning(node)) {
            Long pid = deployer.pidOf(node);
            if (!java.util.Objects.equals(pid, node.pid())) {
                nodes.started(node.id(), pid); // the record's pid was stale (a restored platform)
            }
            nodes.status(node.id(), deployer.isServing(node) ? NodeStatus.RUNNING : NodeStatus.STARTING);
            LOG.info("Adopted running node {} (process {})", node.nodeId(), pid);
        } else {
            long pid = deployer.start(node);
            nodes.started(node.id(), pid);
            nodes.note(node.id(), SupervisorNotes.restartedAtStart(Instant.now()));
            acted(node, "node.restart", 200, "STARTING", "not running at platform start", pid);
            LOG.info("Restarted node {} at platform start (process {})", node.nodeId(), pid);
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stopSupervising() {
        if (task != null) {
            task.cancel(false);
        }
        try {
            List<NodeRecord> running = nodes.all().stream().filter(n -> {
                Deployer deployer = deployers.of(n);
                return !deployer.selfHealing() && deployer.isRunning(n);
            }).toList();
            if (!running.isEmpty()) {
                LOG.warn(stillRunning(running, properties.dataDir()));
            }
        } catch (RuntimeException e) {
            // the database closed first (an H2 URL of one's own without DB_CLOSE_ON_EXIT=FALSE): the
            // person who pressed Ctrl-C still learns that the nodes run on and how to stop them
            LOG.warn(stillRunning(e, properties.dataDir()));
        }
    }

    /**
     * A node its target restarts itself (a pod): its status follows the target's readiness and
     * its restart count the target's; a restart is noted with the target's last events. While it
     * is not ready and the target says why (its container waits: "ContainerCreating: secret ... not
     * found", "CrashLoopBackOff: ...; last terminated: OOMKilled (exit code 137)"), that is its
     * note, written when first seen (its time says since when) and kept up to date; the note goes
     * when the node is ready again.
     */
    private void observed(NodeRecord node, NodeObservation seen) {
        if (seen.ready() == null) {
            return;
        }
        NodeStatus status = seen.ready() ? NodeStatus.RUNNING : NodeStatus.STARTING;
        int restarts = seen.restarts() == null ? node.restarts() : seen.restarts();
        String notReady = seen.ready() || seen.problem() == null ? null : SupervisorNotes.podNotReady(seen.problem());
        boolean restartNoted = false;
        if (status != node.status() || restarts != node.restarts()) {
            nodes.observed(node.id(), status, restarts);
            if (restarts > node.restarts() && notReady == null) {
                nodes.note(node.id(), SupervisorNotes.restartedByCluster(Instant.now(), restarts, seen.events()));
                restartNoted = true;
            }
        }
        if (notReady != null && !notReady.equals(node.lastError())) {
            if (SupervisorNotes.isPodNotReady(node.lastError())) {
                nodes.renote(node.id(), notReady); // another reason of the same stretch: since when stays
            } else {
                nodes.note(node.id(), notReady);
            }
        } else if (seen.ready() && !restartNoted && SupervisorNotes.isPodNotReady(node.lastError())) {
            nodes.clearError(node.id());
        }
    }

    /**
     * What a newcomer who pressed Ctrl-C needs to know: the nodes are the networks' own processes
     * and outlive the control plane on purpose; here is how to stop them.
     */
    static String stillRunning(List<NodeRecord> running, Path dataDir) {
        String which = running.stream().map(n -> n.nodeId() + " (process " + n.pid() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        return "The platform stopped, but the " + running.size() + " node(s) it started keep running: " + which
                + ". " + howToStop(dataDir);
    }

    static String stillRunning(RuntimeException unlisted, Path dataDir) {
        return "The platform stopped; the nodes it started, if any run, keep running (they could not be listed: "
                + unlisted.getMessage() + "). " + howToStop(dataDir);
    }

    /**
     * The stop command for this data directory: without --data-dir the script looks in ./data of
     * the directory it runs in, which is not where a platform started with another one keeps its nodes.
     */
    private static String howToStop(Path dataDir) {
        return "The networks run without their control plane; starting the platform again adopts them. To stop"
                + " everything it started, run: ./consortia stop --all --data-dir " + dataDir.toAbsolutePath().normalize()
                + " (or stop each network first: POST /api/v1/consortia/{id}/network/stop, or Stop on the consortium's"
                + " page).";
    }

    void check() {
        try {
            List<NodeRecord> due = nodes.all().stream()
                    .filter(n -> n.shouldRun() && !deploymentService.isBusy(n.consortiumId())).toList();
            // each node's target is looked up once a round (it reads the consortium)
            Map<Deployer, List<NodeRecord>> kept = new java.util.LinkedHashMap<>();
            for (NodeRecord node : due) {
                try {
                    Deployer deployer = deployers.of(node);
                    if (deployer.selfHealing()) {
                        kept.computeIfAbsent(deployer, d -> new java.util.ArrayList<>()).add(node);
                    } else {
                        supervise(deployer, node);
                    }
                } catch (RuntimeException e) { // e.g. a cluster that does not answer: the other nodes still count
                    LOG.warn("Supervising node {} failed: {}", node.nodeId(), e.toString());
                }
            }
            kept.forEach(this::observeAll);
        } catch (RuntimeException e) {
            LOG.warn("Supervision round failed", e);
        }
    }

    /** Nodes their target keeps running: asked of the target once for all of them, not once per node. */
    private void observeAll(Deployer deployer, List<NodeRecord> kept) {
        try {
            Map<String, NodeObservation> seen = deployer.observeAll(kept);
            for (NodeRecord node : kept) {
                observed(node, seen.getOrDefault(node.nodeId(), NodeObservation.NONE));
            }
        } catch (RuntimeException e) {
            LOG.warn("Observing {} node(s) kept running by their target failed: {}", kept.size(), e.toString());
        }
    }

    private void supervise(Deployer deployer, NodeRecord node) {
        if (node.status() == NodeStatus.FAILED) {
            return;
        }
        if (!deployer.isRunning(node)) {
            int looped = crashLoop(node);
            if (looped >= properties.node().maxRestarts()) {
                nodes.failed(node.id(), SupervisorNotes.crashLoop(looped, deployer.lastRunLogs(node, 15)));
                LOG.error("Node {} crashed {} times in a row; left FAILED", node.nodeId(), looped);
                acted(node, "node.giveUp", 200, "FAILED", "crashed " + looped + " times in a row; not restarted",
                        null);
                return;
            }
            String tail = deployer.lastRunLogs(node, 10);
            nodes.crashed(node.id(), SupervisorNotes.exited(clock.instant(), tail), clock.instant(),
                    properties.node().crashWindow());
            LOG.warn("Node {} (process {}) exited unexpectedly; restarting it", node.nodeId(), node.pid());
            long pid = deployer.start(node);
            nodes.started(node.id(), pid);
            acted(node, "node.restart", 200, "STARTING", "exited unexpectedly (process " + node.pid() + ")", pid);
            return;
        }
        boolean serving = deployer.isServing(node);
        if (node.status() != NodeStatus.RUNNING) {
            notServingSince.remove(node.id());
            if (serving) {
                nodes.status(node.id(), NodeStatus.RUNNING);
            }
            return;
        }
        if (serving) {
            notServingSince.remove(node.id());
            clearOnceHealthy(node);
            return;
        }
        Instant since = notServingSince.computeIfAbsent(node.id(), id -> clock.instant());
        Duration silent = Duration.between(since, clock.instant());
        if (silent.compareTo(properties.node().livenessTimeout()) >= 0) {
            notServingSince.remove(node.id());
            restartUnresponsive(deployer, node, silent);
        }
    }

    /**
     * Why a node is restarted: how long it has not served and, when it still answers, the channels
     * it names as stopped with its own reason, so that the operator reads the cause (a full disk)
     * without opening the node's log.
     */
    static String notServing(Duration silent, Map<String, String> failedChannels) {
        return SupervisorNotes.notServing(silent, failedChannels);
    }

    /**
     * A note ("Exited unexpectedly ...; restarted", "Restarted at platform start") stays, with its
     * time, while the node may still be in a crash loop, and goes once the node has served for
     * {@code crash-window} since: shown for ever next to RUNNING, it hid which nodes are in trouble.
     */
    private void clearOnceHealthy(NodeRecord node) {
        if (node.lastError() != null && (node.lastErrorAt() == null
                || clock.millis() - node.lastErrorAt() >= properties.node().crashWindow().toMillis())) {
            nodes.clearError(node.id());
        }
    }

    /**
     * The restarts of the node's current crash loop. Not its lifetime count: that never went down,
     * so a node that once crash-looped lost its automatic restarts for good.
     */
    private int crashLoop(NodeRecord node) {
        return node.crashesWithin(properties.node().crashWindow(), clock.instant());
    }

    /** What Kubernetes' liveness probe does for a pod: a node that stopped serving is restarted. */
    private void restartUnresponsive(Deployer deployer, NodeRecord node, Duration silent) {
        String why = notServing(silent, deployer.vitals(node).failedChannels());
        int looped = crashLoop(node);
        if (looped >= properties.node().maxRestarts()) {
            deployer.stop(node);
            nodes.failed(node.id(), SupervisorNotes.notServingStopped(why, looped, deployer.lastRunLogs(node, 15)));
            LOG.error("Node {}: {}; left FAILED", node.nodeId(), why);
            acted(node, "node.giveUp", 200, "FAILED", why + "; stopped, not restarted (" + looped
                    + " restarts in a row)", null);
            return;
        }
        String tail = deployer.lastRunLogs(node, 10);
        nodes.crashed(node.id(), SupervisorNotes.notServingRestarted(why, clock.instant(), tail), clock.instant(),
                properties.node().crashWindow());
        LOG.warn("Node {} (process {}): {}; restarting it", node.nodeId(), node.pid(), why);
        deployer.stop(node);
        long pid = deployer.start(node);
        nodes.started(node.id(), pid);
        acted(node, "node.restart", 200, "STARTING", why, pid);
    }

    /**
     * Tells the audit trail what the supervisor did to a node on its own. No custodial identity
     * signs here: a node runs on its own key, so the record names its organisation, not a signer.
     */
    private void acted(NodeRecord node, String action, int status, String nodeStatus, String reason, Long pid) {
        events.publishEvent(new PlatformAction("supervisor", action, node.organizationId(), "node=" + node.nodeId(),
                status, PlatformAction.facts("node", node.nodeId(), "consortium", node.consortiumId(),
                        "organization", node.organizationId(), "nodeStatus", nodeStatus, "reason", reason,
                        "process", pid)));
    }
}
