package io.consortia.platform.alert;

import io.consortia.platform.certificate.CertificateStatus;
import io.consortia.platform.certificate.CertificateView;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.NodeErrors;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.monitoring.NodeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each rule kind's condition: which targets are in trouble now, given the facts. Pure functions
 * of their arguments, so each is tested on its own; the evaluator gathers the facts and decides
 * when a finding becomes an alert ({@code for}) and when an alert resolves.
 */
final class RuleConditions {
    /** A sample older than this says nothing about the node now (the scraper may have stopped). */
    static final Duration FRESH = Duration.ofMinutes(2);

    private RuleConditions() {}

    /**
     * One target in trouble. {@code target} names it stably (an alert is kept per rule and target).
     * {@code summary} is the English text the REST API and notifications carry; {@code key} and
     * {@code args} say the same for the console, which renders it in the reader's language (an
     * argument written {@code #{key}} is itself a message, such as a certificate's role).
     */
    record Finding(String target, String summary, String key, List<String> args) {
        Finding {
            args = List.copyOf(args);
        }
    }

    /** The prefix of every finding's message key; the kind's name follows. */
    static final String KEY_PREFIX = "alertText.";

    private static String key(RuleKind kind, String variant) {
        return KEY_PREFIX + kind.name() + "." + variant;
    }

    /** A node's status as the console's label (the Nodes tab's), not its code. */
    private static String statusLabel(NodeStatus status) {
        return "#{nodeStatus." + status + "}";
    }

        private static List<String> args(Object... values) {
        return java.util.Arrays.stream(values).map(String::valueOf).toList();
    }

    /**
     * A node that should run but is CRASHED, FAILED or STOPPED, or whose fresh sample says it did
     * not answer. A node stopped on purpose (desired STOPPED: the network was stopped) is not down.
     * A node already alerted stays down until it serves again (RUNNING): while it is restarted
     * (a deployment of its consortium is running) or still STARTING, the alert is kept.
     *
     * @param alerted targets of the rule's unresolved alerts
     * @param deploying whether a deployment of the consortium is running now
     */
    static List<Finding> nodeDown(List<NodeRecord> nodes, Map<Long, NodeSample> latest, Instant now,
            java.util.Set<String> alerted, boolean deploying) {
        return nodeDown(nodes, latest, now, alerted, deploying, Map.of(), Duration.ZERO);
    }

    /**
     * As {@link #nodeDown(List, Map, Instant, java.util.Set, boolean)}, but a node the platform is
     * starting on purpose ({@link #startedOnPurpose}) is not down for {@code startGrace} after it was
     * first seen so: it does not answer yet because it is still starting, which is what was asked.
     * Past the grace (the time a deployment waits for a node to serve) it is judged as any other.
     *
     * @param startingSince when each node was first seen started on purpose, by node record id
     */
    static List<Finding> nodeDown(List<NodeRecord> nodes, Map<Long, NodeSample> latest, Instant now,
            java.util.Set<String> alerted, boolean deploying, Map<Long, Instant> startingSince, Duration startGrace) {
        List<Finding> down = new ArrayList<>();
        for (NodeRecord node : nodes) {
            String target = "node " + node.nodeId();
            if (!alerted.contains(target) && startedOnPurpose(node, deploying)
                    && Duration.between(startingSince.getOrDefault(node.id(), now), now).compareTo(startGrace) < 0) {
                continue;
            }
            NodeStatus status = node.status();
            NodeSample sample = latest.get(node.id());
            if (node.shouldRun() && (status == NodeStatus.CRASHED || status == NodeStatus.FAILED
                    || status == NodeStatus.STOPPED)) {
                down.add(down(target, node));
            } else if (node.shouldRun() && sample != null && !sample.up() && fresh(sample, now)) {
                down.add(withWhy(target, node, "Node " + node.nodeId()
                        + " does not answer on its metrics port (status " + status + ")", "notAnswering"));
            } else if (alerted.contains(target) && status != NodeStatus.RUNNING && (node.shouldRun() || deploying)) {
                down.add(withWhy(target, node, "Node " + node.nodeId() + " does not serve yet (status " + status + ")",
                        "notServing"));
            }
        }
        return down;
    }

    /**
     * Whether the platform is bringing the node up on purpose: CREATED, STARTING after a start by
     * hand or a deployment (its crash streak is 0: a restart after a crash keeps it, and a crash
     * loop must page), or STOPPED between the steps of a running deployment (a restart).
     */
    static boolean startedOnPurpose(NodeRecord node, boolean deploying) {
        NodeStatus status = node.status();
        return node.shouldRun() && (status == NodeStatus.CREATED
                || (status == NodeStatus.STARTING && node.crashStreak() == 0)
                || (deploying && status == NodeStatus.STOPPED));
    }

    /** A node {@code threshold} or more blocks behind the highest node on a channel, by the latest samples. */
    static List<Finding> heightLag(List<NodeRecord> nodes, Map<Long, NodeSample> latest, Instant now, long threshold) {
        Map<String, Long> highest = new TreeMap<>();
        List<NodeSample> serving = nodes.stream().map(n -> latest.get(n.id()))
                .filter(s -> s != null && s.up() && fresh(s, now)).toList();
        serving.forEach(s -> s.heights().forEach((channel, h) -> highest.merge(channel, h, Math::max)));
        List<Finding> lagging = new ArrayList<>();
        for (NodeSample sample : serving) {
            for (Map.Entry<String, Long> channel : new TreeMap<>(sample.heights()).entrySet()) {
                long behind = highest.get(channel.getKey()) - channel.getValue();
                if (behind >= threshold) {
                    lagging.add(new Finding("node " + sample.nodeId() + " channel " + channel.getKey(),
                            "Node " + sample.nodeId() + " is " + behind + " blocks behind on channel "
                                    + channel.getKey() + " (height " + channel.getValue() + ", highest "
                                    + highest.get(channel.getKey()) + ")",
                            key(RuleKind.HEIGHT_LAG, "behind"), args(sample.nodeId(), behind, channel.getKey(),
                                    channel.getValue(), highest.get(channel.getKey()))));
                }
            }
        }
        return lagging;
    }

    /**
     * A channel with work that is not ordered: a node that answers has transactions waiting in its
     * batcher now, some node had transactions waiting already {@code window} or longer ago, and the
     * channel's highest height (over all nodes) has not grown since then, so that work is still not
     * in a block. A channel nobody submits to is idle, however long ago its last block: that is not
     * a fault (it was what made this rule fire on quiet channels).
     */
    static List<Finding> noBlocks(Map<Long, List<NodeSample>> history, Instant now, Duration window) {
        List<NodeSample> all = history.values().stream().flatMap(List::stream).filter(NodeSample::up)
                .sorted(Comparator.comparing(NodeSample::at)).toList();
        Map<String, Long> highest = new HashMap<>();
        Map<String, Instant> grewAt = new HashMap<>();
        // per channel, the first sample with waiting work since the channel last grew
        Map<String, Instant> waitingSince = new HashMap<>();
        for (NodeSample sample : all) {
            sample.heights().forEach((channel, h) -> {
                Long before = highest.get(channel);
                if (before == null || h > before) {
                    highest.put(channel, h);
                    if (before != null) {
                        grewAt.put(channel, sample.at());
                        waitingSince.remove(channel);
                    }
                }
            });
            sample.queuedTransactions().forEach((channel, queued) -> {
                if (queued > 0) {
                    waitingSince.putIfAbsent(channel, sample.at());
                }
            });
        }
        Map<String, Long> waitingNow = new TreeMap<>();
        for (List<NodeSample> samples : history.values()) {
            samples.stream().filter(NodeSample::up).filter(s -> fresh(s, now)).max(Comparator.comparing(NodeSample::at))
                    .ifPresent(s -> s.queuedTransactions().forEach((channel, queued) -> {
                        if (queued > 0) {
                            waitingNow.merge(channel, queued, Long::sum);
                        }
                    }));
        }
        List<Finding> stuck = new ArrayList<>();
        waitingNow.forEach((channel, queued) -> {
            Instant since = waitingSince.get(channel);
            if (since != null && Duration.between(since, now).compareTo(window) >= 0) {
                Instant last = grewAt.get(channel);
                long minutes = Duration.between(since, now).toMinutes();
                stuck.add(new Finding("channel " + channel, queued + " transactions wait on channel " + channel
                        + " and no block came for " + minutes + " minutes (height "
                        + highest.get(channel) + (last == null ? "" : ", last block seen " + last) + ")",
                        key(RuleKind.NO_BLOCKS, last == null ? "waiting" : "waitingSinceBlock"),
                        last == null ? args(queued, channel, minutes, highest.get(channel))
                                : args(queued, channel, minutes, highest.get(channel), last)));
            }
        });
        return stuck;
    }

    /**
     * A node whose data directory lies on a file system more than {@code percent} % used: (size -
     * free) / size, as {@code df} counts it, whoever's files take the space. The node's own data
     * is only in the summary: comparing it with itself plus the free space showed a disk as nearly
     * empty until the node's data alone filled it. A node that does not report its file system's
     * size is not judged.
     */
    static List<Finding> diskUsage(List<NodeRecord> nodes, Map<Long, NodeSample> latest, Instant now, long percent) {
        List<Finding> full = new ArrayList<>();
        for (NodeRecord node : nodes) {
            NodeSample sample = latest.get(node.id());
            if (sample == null || !sample.up() || !fresh(sample, now) || sample.diskTotalBytes() == null
                    || sample.diskFreeBytes() == null || sample.diskTotalBytes() <= 0) {
                continue;
            }
            long total = sample.diskTotalBytes();
            long free = Math.min(sample.diskFreeBytes(), total);
            double used = (total - free) * 100.0 / total;
            if (used > percent) {
                String data = sample.diskUsedBytes() == null ? "" : "; the node's data " + (sample.diskUsedBytes() >> 20)
                        + " MiB";
                String percentUsed = String.format(java.util.Locale.ROOT, "%.1f", used);
                full.add(new Finding("node " + node.nodeId(), String.format(java.util.Locale.ROOT,
                        "The disk of node %s's data directory is %s %% full (%d MiB free of %d MiB%s)",
                        node.nodeId(), percentUsed, free >> 20, total >> 20, data),
                        key(RuleKind.DISK_USAGE, sample.diskUsedBytes() == null ? "full" : "fullWithData"),
                        sample.diskUsedBytes() == null ? args(node.nodeId(), percentUsed, free >> 20, total >> 20)
                                : args(node.nodeId(), percentUsed, free >> 20, total >> 20,
                                        sample.diskUsedBytes() >> 20)));
            }
        }
        return full;
    }

    /** A certificate in use that expires within {@code days} days, or has expired. */
    static List<Finding> certificateExpiry(List<CertificateView> certificates, long days) {
        List<Finding> expiring = new ArrayList<>();
        for (CertificateView c : certificates) {
            if (!c.inUse() || c.status() == CertificateStatus.REVOKED || c.daysLeft() >= days) {
                continue;
            }
            String when = c.daysLeft() < 0 ? "expired " + (-c.daysLeft()) + " days ago"
                    : "expires in " + c.daysLeft() + " days";
            expiring.add(new Finding("certificate " + c.serial(), "Certificate " + c.role() + " of " + c.subject()
                    + " (" + c.organization() + ", serial " + c.serial() + ") " + when + ": renew it",
                    key(RuleKind.CERTIFICATE_EXPIRY, c.daysLeft() < 0 ? "expired" : "expires"),
                    args("#{certificate.role." + c.role() + "}", c.subject(), c.organization(), c.serial(),
                            Math.abs(c.daysLeft()))));
        }
        return expiring;
    }

    /**
     * More than {@code threshold} Raft leader changes on a channel within the window: the
     * increase of each node's counter over its samples in the window (a counter that went down
     * restarted with its node and counts from zero), the largest over the nodes.
     */
    static List<Finding> leaderChanges(Map<Long, List<NodeSample>> history, Instant now, Duration window,
            long threshold) {
        Instant since = now.minus(window);
        Map<String, Long> most = new TreeMap<>();
        for (List<NodeSample> samples : history.values()) {
            Map<String, Long> previous = new HashMap<>();
            Map<String, Long> increase = new HashMap<>();
            samples.stream().filter(NodeSample::up).filter(s -> !s.at().isBefore(since))
                    .sorted(Comparator.comparing(NodeSample::at)).forEach(s -> s.leaderChanges().forEach((ch, n) -> {
                        Long before = previous.put(ch, n);
                        if (before != null) {
                            increase.merge(ch, n >= before ? n - before : n, Long::sum);
                        }
                    }));
            increase.forEach((ch, n) -> most.merge(ch, n, Math::max));
        }
        List<Finding> unstable = new ArrayList<>();
        most.forEach((channel, n) -> {
            if (n > threshold) {
                unstable.add(new Finding("channel " + channel, n + " Raft leader changes on channel " + channel
                        + " within " + window.toMinutes() + " minutes (more than " + threshold + ")",
                        key(RuleKind.LEADER_CHANGES, "changes"), args(n, channel, window.toMinutes(), threshold)));
            }
        });
        return unstable;
    }

    /**
     * A channel for which the nodes that answered (fresh samples) report no Raft leader, none of
     * them knowing one. A node that does not answer says nothing: when two of three nodes are
     * paused, the third's word is all there is, and it is the one that matters. The finding names
     * the consortium's nodes that do not answer, the usual cause; when every node answers, the
     * cause is elsewhere and restarting nodes is not the advice.
     */
    static List<Finding> noLeader(List<NodeRecord> nodes, Map<Long, NodeSample> latest, Instant now) {
        Map<String, List<String>> without = new TreeMap<>();
        Map<String, Boolean> led = new HashMap<>();
        List<String> silent = new ArrayList<>();
        for (NodeRecord node : nodes) {
            NodeSample sample = latest.get(node.id());
            if (sample == null || !sample.up() || !fresh(sample, now)) {
                silent.add(node.nodeId());
                continue;
            }
            sample.hasLeader().forEach((channel, has) -> {
                led.merge(channel, has, Boolean::logicalOr);
                if (!has) {
                    without.computeIfAbsent(channel, c -> new ArrayList<>()).add(node.nodeId());
                }
            });
        }
        List<Finding> leaderless = new ArrayList<>();
        without.forEach((channel, seenBy) -> {
            if (led.get(channel)) {
                return;
            }
            String seen = String.join(", ", seenBy);
            // which nodes to look at: the ones that do not answer, else (all answer) their logs, not a restart
            if (!silent.isEmpty()) {
                String stopped = String.join(", ", silent);
                leaderless.add(new Finding("channel " + channel, "Channel " + channel + " has no Raft leader (seen by "
                        + seen + "): no block is ordered. Not answering: " + stopped + "; a channel needs a majority"
                        + " of its voting nodes running. Start or resume them (Nodes page, or POST"
                        + " /api/v1/nodes/<node>/restart).",
                        key(RuleKind.NO_LEADER, "leaderlessSilent"), args(channel, seen, stopped)));
            } else {
                leaderless.add(new Finding("channel " + channel, "Channel " + channel + " has no Raft leader (seen by "
                        + seen + ") although all its consortium's nodes answer: no block is ordered. Read the nodes'"
                        + " logs (GET /api/v1/nodes/<node>/logs) for Raft errors: a stopped Raft member or a full disk"
                        + " shows there and on the node's health.",
                        key(RuleKind.NO_LEADER, "leaderlessAllAnswer"), args(channel, seen)));
            }
        });
        return leaderless;
    }

    /** The newest finished deployment, if it failed within the window. */
    static List<Finding> deploymentFailed(List<Deployment> deployments, Instant now, Duration window) {
        Optional<Deployment> newest = deployments.stream().filter(d -> !"RUNNING".equals(d.status()))
                .max(Comparator.comparingLong(Deployment::id));
        if (newest.isEmpty() || !"FAILED".equals(newest.get().status())) {
            return List.of();
        }
        Deployment failed = newest.get();
        long finished = failed.finishedAt() == null ? failed.startedAt() : failed.finishedAt();
        if (Instant.ofEpochMilli(finished).isBefore(now.minus(window))) {
            return List.of();
        }
        String reason = firstLine(failed.reason());
        List<String> args = new ArrayList<>(args(failed.id(), "#{action." + failed.action() + "}", failed.requestedBy()));
        if (!reason.isEmpty()) {
            args.add(reason.substring(2)); // the deployment's own words (a node's error): not translated
        }
        return List.of(new Finding("deployment " + failed.id(), "Deployment " + failed.id() + " (" + failed.action()
                + ", requested by " + failed.requestedBy() + ") failed" + reason,
                key(RuleKind.DEPLOYMENT_FAILED, reason.isEmpty() ? "failed" : "failedBecause"), args));
    }

    private static boolean fresh(NodeSample sample, Instant now) {
        return !sample.at().isBefore(now.minus(FRESH));
    }

    /**
     * A down node's summary, whole in itself: which node, since when, its status and the
     * supervisor's note without the log it quotes (cut to its first line it read "... Log ends:",
     * promising lines that were not there; a node's log is not for every member, nor for webhooks),
     * and what to do about it.
     */
    static Finding down(String target, NodeRecord node) {
        Instant sinceAt = node.lastErrorAt() == null ? null : Instant.ofEpochMilli(node.lastErrorAt());
        String since = sinceAt == null ? "" : " since " + sinceAt;
        String note = node.lastError() == null ? "" : firstLine(NodeErrors.withoutLog(node.lastError()));
        String summary = "Node " + node.nodeId() + " is down" + since + ": status " + node.status() + note
                + (note.endsWith(".") ? "" : ".") + " Restart it: POST /api/v1/nodes/" + node.nodeId()
                + "/restart, or Restart on the consortium's Nodes page; its log: GET /api/v1/nodes/" + node.nodeId()
                + "/logs.";
        // the node's note comes from its process (its log): it stays as written, the sentence around it is translated
        List<String> args = new ArrayList<>(args(node.nodeId(), statusLabel(node.status())));
        if (sinceAt != null) {
            args.add(sinceAt.toString());
        }
        if (!note.isEmpty()) {
            String words = note.substring(2);
            args.add(words.endsWith(".") ? words.substring(0, words.length() - 1) : words);
        }
        String variant = "down" + (sinceAt == null ? "" : "Since") + (note.isEmpty() ? "" : "Note");
        return new Finding(target, summary, key(RuleKind.NODE_DOWN, variant), args);
    }

    /**
     * A node that does not answer, with why when the platform knows it and the node is not RUNNING:
     * its note, e.g. its pod's reason in the cluster's words ("Pod not ready: ContainerCreating:
     * secret c1-org3-keys not found"), without the log a note may quote. A RUNNING node's note is
     * history (a restart it recovered from), not why it does not answer now.
     */
    private static Finding withWhy(String target, NodeRecord node, String sentence, String variant) {
        String note = node.status() == NodeStatus.RUNNING || node.lastError() == null ? ""
                : firstLine(NodeErrors.withoutLog(node.lastError()));
        List<String> args = new ArrayList<>(args(node.nodeId(), statusLabel(node.status())));
        if (note.isEmpty()) {
            return new Finding(target, sentence, key(RuleKind.NODE_DOWN, variant), args);
        }
        args.add(note.substring(2));
        return new Finding(target, sentence + note, key(RuleKind.NODE_DOWN, variant + "Note"), args);
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String line = text.lines().findFirst().orElse("").strip();
        return ": " + (line.length() > 300 ? line.substring(0, 297) + "..." : line);
    }

    /** Keeps the first finding per target (a target is reported once per rule). */
    static Map<String, Finding> byTarget(List<Finding> findings) {
        Map<String, Finding> map = new LinkedHashMap<>();
        findings.forEach(f -> map.putIfAbsent(f.target(), f));
        return map;
    }
}
