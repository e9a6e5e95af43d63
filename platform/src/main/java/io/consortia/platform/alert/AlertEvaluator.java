package io.consortia.platform.alert;

import io.consortia.platform.certificate.CertificateService;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.DeploymentService;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.PlatformRole;
import io.consortia.platform.monitoring.NodeSample;
import io.consortia.platform.monitoring.NodeSamples;
import io.consortia.platform.system.PlatformProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Every {@code consortia.alerts.interval}, evaluates each consortium's enabled rules: a target
 * whose condition has held for the rule's {@code for} opens an alert (at most one unresolved
 * alert per rule and target), an unresolved alert whose condition cleared is resolved, and
 * both are notified. Rules that need node samples are marked "not evaluated" on a platform
 * without the scraper. A condition that has not held long enough yet is remembered in memory
 * only: after a platform restart it starts counting again.
 */
@Component
class AlertEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);
    /** Reads everything the rules look at, changes nothing. */
    static final Caller SYSTEM = new Caller(0, "alert-evaluator", PlatformRole.AUDITOR, null, null);
    static final String NO_SAMPLES = "Not evaluated: this platform does not scrape its nodes' metrics, "
            + "so heights, disk usage and Raft leaders are unknown";
    private final AlertRepository repository;
    private final AlertService alerts;
    private final AlertNotifier notifier;
    private final ConsortiumService consortia;
    private final Nodes nodes;
    private final CertificateService certificates;
    private final DeploymentService deployments;
    private final ObjectProvider<NodeSamples> samples;
    private final TaskScheduler scheduler;
    private final AlertProperties properties;
    /** A node started on purpose gets the time a deployment waits for it to serve before it is down. */
    private final java.time.Duration startGrace;
    private final Map<String, Instant> pendingSince = new ConcurrentHashMap<>();
    /**
     * Per consortium, when this platform first had a sample of its nodes: the scraped history is in
     * memory only, so after a restart it starts there, and a rule's finding that is absent only because
     * the history is shorter than the rule looks must not resolve an open alert.
     */
    private final Map<Long, Instant> watchedSince = new ConcurrentHashMap<>();
    /** When each node was first seen started on purpose (see RuleConditions.startedOnPurpose), by node record id. */
    private final Map<Long, Instant> startingSince = new ConcurrentHashMap<>();
    private ScheduledFuture<?> task;

    AlertEvaluator(AlertRepository repository, AlertService alerts, AlertNotifier notifier, ConsortiumService consortia,
            Nodes nodes, CertificateService certificates, DeploymentService deployments,
            ObjectProvider<NodeSamples> samples, TaskScheduler scheduler, AlertProperties properties,
            PlatformProperties platform) {
        this.repository = repository;
        this.alerts = alerts;
        this.notifier = notifier;
        this.consortia = consortia;
        this.nodes = nodes;
        this.certificates = certificates;
        this.deployments = deployments;
        this.samples = samples;
        this.scheduler = scheduler;
        this.properties = properties;
        this.startGrace = platform.node().startTimeout();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.enabled()) {
            task = scheduler.scheduleWithFixedDelay(this::evaluateAll, properties.interval());
        } else {
            LOG.info("Alert evaluation is off (consortia.alerts.enabled=false)");
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void evaluateAll() {
        try {
            repository.deleteOrphans();
            for (Consortium consortium : consortia.list(SYSTEM)) {
                try {
                    if (properties.defaultRules()) {
                        alerts.createDefaultsOnce(consortium.id());
                    }
                    evaluate(consortium, Instant.now());
                } catch (RuntimeException e) {
                    LOG.warn("Evaluating the alert rules of consortium {} failed: {}", consortium.id(), e.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Alert evaluation round failed", e);
        }
    }

    void evaluate(Consortium consortium, Instant now) {
        Facts facts = new Facts(consortium.id(), now);
        Instant watched = null;
        for (AlertRule rule : repository.rules(consortium.id())) {
            if (!rule.enabled()) {
                resolveAll(rule, consortium, AlertResolution.RULE_DISABLED, now);
                continue;
            }
            if (rule.kind().needsSamples() && samples.getIfAvailable() == null) {
                repository.evaluated(rule.id(), NO_SAMPLES, now.toEpochMilli());
                continue;
            }
            if (rule.kind().needsSamples() && watched == null && !facts.latest().isEmpty()) {
                watched = watchedSince.computeIfAbsent(consortium.id(), id -> now);
            }
            try {
                apply(rule, consortium, RuleConditions.byTarget(findings(rule, facts)), now,
                        mayResolve(rule, watched, now));
                repository.evaluated(rule.id(), null, now.toEpochMilli());
            } catch (RuntimeException e) {
                repository.evaluated(rule.id(), "Not evaluated: " + e.getMessage(), now.toEpochMilli());
                LOG.warn("Alert rule {} ({}) of consortium {} could not be evaluated: {}", rule.id(), rule.kind(),
                        consortium.id(), e.toString());
            }
        }
    }

    private List<RuleConditions.Finding> findings(AlertRule rule, Facts facts) {
        Duration window = Duration.ofSeconds(rule.windowSeconds());
        return switch (rule.kind()) {
            case NODE_DOWN -> {
                boolean deploying = deployments.isBusy(facts.consortiumId);
                for (NodeRecord node : facts.nodes()) {
                    if (RuleConditions.startedOnPurpose(node, deploying)) {
                        startingSince.putIfAbsent(node.id(), facts.now);
                    } else {
                        startingSince.remove(node.id());
                    }
                }
                yield RuleConditions.nodeDown(facts.nodes(), facts.latest(), facts.now, alertedTargets(rule), deploying,
                        startingSince, startGrace);
            }
            case HEIGHT_LAG -> RuleConditions.heightLag(facts.nodes(), facts.latest(), facts.now, rule.threshold());
            case NO_BLOCKS -> RuleConditions.noBlocks(facts.history(), facts.now, window);
            case DISK_USAGE -> RuleConditions.diskUsage(facts.nodes(), facts.latest(), facts.now, rule.threshold());
            case CERTIFICATE_EXPIRY -> RuleConditions.certificateExpiry(
                    certificates.list(SYSTEM, facts.consortiumId), rule.threshold());
            case LEADER_CHANGES -> RuleConditions.leaderChanges(facts.history(), facts.now, window, rule.threshold());
            case DEPLOYMENT_FAILED -> RuleConditions.deploymentFailed(
                    deployments.list(SYSTEM, facts.consortiumId), facts.now, window);
            case NO_LEADER -> RuleConditions.noLeader(facts.nodes(), facts.latest(), facts.now);
        };
    }

    private java.util.Set<String> alertedTargets(AlertRule rule) {
        return repository.unresolved(rule.id()).stream().map(Alert::target).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Whether an open alert whose condition is no longer found may be resolved: for a rule that reads
     * the scraped samples, only once this platform has samples at all and, for a rule that looks back
     * over a window of them (NO_BLOCKS, LEADER_CHANGES), has watched for a whole window. Before that,
     * "not found" means "not seen yet" (after a platform restart, whose history starts empty).
     */
    static boolean mayResolve(AlertRule rule, Instant watchedSince, Instant now) {
        if (!rule.kind().needsSamples()) {
            return true;
        }
        return watchedSince != null && (!rule.kind().hasWindow()
                || Duration.between(watchedSince, now).getSeconds() >= rule.windowSeconds());
    }

    private void apply(AlertRule rule, Consortium consortium, Map<String, RuleConditions.Finding> findings,
            Instant now, boolean mayResolve) {
        Map<String, Alert> unresolved = new HashMap<>();
        repository.unresolved(rule.id()).forEach(a -> unresolved.put(a.target(), a));
        for (RuleConditions.Finding finding : findings.values()) {
            String key = AlertRepository.openKey(rule.id(), finding.target());
            if (unresolved.containsKey(finding.target())) {
                continue; // kept open
            }
            Instant since = pendingSince.computeIfAbsent(key, k -> now);
            if (Duration.between(since, now).getSeconds() >= rule.forSeconds()) {
                pendingSince.remove(key);
                long id = repository.open(rule, finding, now.toEpochMilli());
                Alert opened = repository.alert(id).orElseThrow();
                LOG.warn("Alert {} opened in consortium {}: {}", id, consortium.id(), finding.summary());
                notifier.notify(opened, "OPENED", consortium.name());
            }
        }
        String prefix = rule.id() + ":";
        pendingSince.keySet().removeIf(k -> k.startsWith(prefix)
                && !findings.containsKey(k.substring(prefix.length())));
        for (Alert alert : unresolved.values()) {
            if (!findings.containsKey(alert.target()) && mayResolve) {
                resolve(alert, consortium, AlertResolution.CLEARED, now);
            }
        }
    }

    private void resolveAll(AlertRule rule, Consortium consortium, AlertResolution why, Instant now) {
        String prefix = rule.id() + ":";
        pendingSince.keySet().removeIf(k -> k.startsWith(prefix));
        for (Alert alert : repository.unresolved(rule.id())) {
            resolve(alert, consortium, why, now);
        }
    }

    private void resolve(Alert alert, Consortium consortium, AlertResolution why, Instant now) {
        repository.resolve(alert.id(), why.english(), now.toEpochMilli());
        LOG.info("Alert {} resolved in consortium {}: {}", alert.id(), consortium.id(), why.english());
        notifier.notify(repository.alert(alert.id()).orElseThrow(), "RESOLVED", consortium.name());
    }

    /** What the rules of one consortium look at, read once per round and only when a rule needs it. */
    private final class Facts {
        private final long consortiumId;
        private final Instant now;
        private List<NodeRecord> nodeList;
        private Map<Long, NodeSample> latest;
        private Map<Long, List<NodeSample>> history;

        Facts(long consortiumId, Instant now) {
            this.consortiumId = consortiumId;
            this.now = now;
        }

        List<NodeRecord> nodes() {
            if (nodeList == null) {
                nodeList = nodes.ofConsortium(consortiumId);
            }
            return nodeList;
        }

        Map<Long, NodeSample> latest() {
            if (latest == null) {
                latest = new HashMap<>();
                NodeSamples source = samples.getIfAvailable();
                if (source != null) {
                    nodes().forEach(n -> source.latest(n.id()).ifPresent(s -> latest.put(n.id(), s)));
                }
            }
            return latest;
        }

        Map<Long, List<NodeSample>> history() {
            if (history == null) {
                history = new HashMap<>();
                NodeSamples source = samples.getIfAvailable();
                if (source != null) {
                    Instant since = now.minus(Duration.ofSeconds(RuleKind.NO_BLOCKS.maxWindow()));
                    nodes().forEach(n -> history.put(n.id(), source.history(n.id(), since)));
                }
            }
            return history;
        }
    }
}
