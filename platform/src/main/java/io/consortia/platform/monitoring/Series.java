package io.consortia.platform.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Chart data from samples, column by column: one time axis, and per metric the lines to draw
 * (a channel's, a node's), each a value per time or null where there is none (the node was
 * down, or a rate has no earlier sample). Rates come from two consecutive samples of a node; a
 * counter that went down was reset by a node restart and counts from zero. Where samples are
 * missing for longer than a gap (the platform was down and scraped nothing), a point without
 * values (up 0) lies between them: a chart breaks its lines on it instead of drawing across.
 *
 * @param times the points' times, epoch milliseconds, oldest first
 * @param up per point, whether the node answered (a channel's series: how many nodes answered)
 * @param metrics metric name to line name to values, aligned with {@code times}
 */
public record Series(List<Long> times, List<Integer> up, Map<String, Map<String, List<Double>>> metrics) {

    /** Blocks in the channel's ledger. */
    public static final String HEIGHT = "height";
    /** Transactions committed per second. */
    public static final String TX_PER_SECOND = "txPerSecond";
    /** Seconds per block between two samples; null when no block was made. */
    public static final String BLOCK_SECONDS = "blockSeconds";
    /** Mean commit latency of the transactions this node admitted between two samples. */
    public static final String COMMIT_LATENCY = "commitLatencySeconds";
    /** Raft leader changes between two samples. */
    public static final String LEADER_CHANGES = "leaderChanges";
    /** CPU cores the process used on average between two samples. */
    public static final String CPU = "cpuCores";
    public static final String MEMORY = "rssBytes";
    public static final String DISK_USED = "diskUsedBytes";
    public static final String DISK_FREE = "diskFreeBytes";

    /**
     * One node's series from its samples (oldest first); two samples further apart than
     * {@code gap} get a point without values between them, and no rate spans them.
     */
    static Series ofNode(List<NodeSample> samples, Duration gap) {
        return ofNode(withGaps(samples, gap));
    }

    /**
     * The samples with a down sample halfway into each gap longer than {@code gap}: halfway, so that
     * a channel's series (points cut to the scrape interval, less than half a gap) keeps it a point of its own.
     */
    private static List<NodeSample> withGaps(List<NodeSample> samples, Duration gap) {
        List<NodeSample> all = new ArrayList<>(samples.size());
        for (NodeSample s : samples) {
            NodeSample previous = all.isEmpty() ? null : all.get(all.size() - 1);
            if (previous != null && Duration.between(previous.at(), s.at()).compareTo(gap) > 0) {
                Instant halfway = previous.at().plus(Duration.between(previous.at(), s.at()).dividedBy(2));
                all.add(NodeSample.down(s.nodeRecordId(), s.nodeId(), s.consortiumId(), halfway));
            }
            all.add(s);
        }
        return all;
    }

    /** One node's series from its samples (oldest first), however far apart. */
    static Series ofNode(List<NodeSample> samples) {
        Builder b = new Builder(samples.size());
        NodeSample previous = null;
        for (int i = 0; i < samples.size(); i++) {
            NodeSample s = samples.get(i);
            b.times.add(s.at().toEpochMilli());
            b.up.add(s.up() ? 1 : 0);
            NodeSample before = previous != null && previous.up() && s.up() ? previous : null;
            double seconds = before == null ? 0 : Duration.between(before.at(), s.at()).toMillis() / 1000.0;
            boolean rate = before != null && seconds > 0;
            for (var h : s.heights().entrySet()) {
                b.set(HEIGHT, h.getKey(), i, (double) h.getValue());
                Long earlier = rate ? before.heights().get(h.getKey()) : null;
                if (earlier != null) {
                    long blocks = delta(h.getValue(), earlier);
                    b.set(BLOCK_SECONDS, h.getKey(), i, blocks > 0 ? seconds / blocks : null);
                }
            }
            // a node exports a channel's counter from its first increment on: absent from the answer of a node
            // that was up means zero so far (the first transactions of a channel count)
            for (var c : s.committedTransactions().entrySet()) {
                Long earlier = rate ? before.committedTransactions().getOrDefault(c.getKey(), 0L) : null;
                b.set(TX_PER_SECOND, c.getKey(), i, earlier == null ? null : delta(c.getValue(), earlier) / seconds);
            }
            for (var l : s.leaderChanges().entrySet()) {
                Long earlier = rate ? before.leaderChanges().getOrDefault(l.getKey(), 0L) : null;
                b.set(LEADER_CHANGES, l.getKey(), i, earlier == null ? null : (double) delta(l.getValue(), earlier));
            }
            for (var n : s.commitLatencyCount().entrySet()) {
                Long earlierCount = rate ? before.commitLatencyCount().getOrDefault(n.getKey(), 0L) : null;
                Double sum = s.commitLatencySeconds().get(n.getKey());
                Double earlierSum = rate ? before.commitLatencySeconds().getOrDefault(n.getKey(), 0.0) : null;
                if (earlierCount != null && sum != null && earlierSum != null) {
                    long commits = delta(n.getValue(), earlierCount);
                    double total = sum < earlierSum ? sum : sum - earlierSum;
                    b.set(COMMIT_LATENCY, n.getKey(), i, commits > 0 ? total / commits : null);
                }
            }
            if (rate && s.cpuSeconds() != null && before.cpuSeconds() != null) {
                double used = s.cpuSeconds() < before.cpuSeconds() ? s.cpuSeconds() : s.cpuSeconds() - before.cpuSeconds();
                b.set(CPU, s.nodeId(), i, used / seconds);
            }
            b.set(MEMORY, s.nodeId(), i, s.rssBytes() == null ? null : s.rssBytes().doubleValue());
            b.set(DISK_USED, s.nodeId(), i, s.diskUsedBytes() == null ? null : s.diskUsedBytes().doubleValue());
            b.set(DISK_FREE, s.nodeId(), i, s.diskFreeBytes() == null ? null : s.diskFreeBytes().doubleValue());
            previous = s;
        }
        return b.build();
    }

    /**
     * A channel's series across the nodes that serve it: points are the scrape rounds (times cut
     * to {@code interval}); the height is drawn per node (a lagging node shows), throughput and
     * leader changes are the highest any node saw (every node commits every block), block time
     * and commit latency the mean of the nodes that have one.
     */
    static Series ofChannel(String channel, Map<String, Series> nodes, Duration interval) {
        long step = Math.max(1, interval.toMillis());
        TreeSet<Long> buckets = new TreeSet<>();
        nodes.values().forEach(s -> s.times().forEach(t -> buckets.add(t / step * step)));
        List<Long> times = new ArrayList<>(buckets);
        Builder b = new Builder(times.size());
        b.times.addAll(times);
        List<Integer> up = new ArrayList<>(java.util.Collections.nCopies(times.size(), 0));
        Map<String, Map<Integer, List<Double>>> pooled = new TreeMap<>();
        for (var node : nodes.entrySet()) {
            Series s = node.getValue();
            for (int i = 0; i < s.times().size(); i++) {
                int at = times.indexOf(s.times().get(i) / step * step);
                if (s.up().get(i) > 0 && s.value(HEIGHT, channel, i) != null) {
                    up.set(at, up.get(at) + 1);
                    b.set(HEIGHT, node.getKey(), at, s.value(HEIGHT, channel, i));
                }
                for (String metric : List.of(TX_PER_SECOND, LEADER_CHANGES, BLOCK_SECONDS, COMMIT_LATENCY)) {
                    Double v = s.value(metric, channel, i);
                    if (v != null) {
                        pooled.computeIfAbsent(metric, m -> new TreeMap<>()).computeIfAbsent(at, k -> new ArrayList<>())
                                .add(v);
                    }
                }
            }
        }
        aggregate(b, pooled, TX_PER_SECOND, channel, times.size(), Series::max);
        aggregate(b, pooled, LEADER_CHANGES, channel, times.size(), Series::max);
        aggregate(b, pooled, BLOCK_SECONDS, channel, times.size(), Series::mean);
        aggregate(b, pooled, COMMIT_LATENCY, channel, times.size(), Series::mean);
        b.up.addAll(up);
        return b.build();
    }

    /** The value of one line at one point; null when there is none. */
    public Double value(String metric, String line, int index) {
        List<Double> values = metrics.getOrDefault(metric, Map.of()).get(line);
        return values == null ? null : values.get(index);
    }

    /** The newest non-null value of a line. */
    public Double last(String metric, String line) {
        List<Double> values = metrics.getOrDefault(metric, Map.of()).getOrDefault(line, List.of());
        for (int i = values.size() - 1; i >= 0; i--) {
            if (values.get(i) != null) {
                return values.get(i);
            }
        }
        return null;
    }

    private static void aggregate(Builder b, Map<String, Map<Integer, List<Double>>> pooled, String metric,
            String line, int size, Function<Collection<Double>, Double> how) {
        Map<Integer, List<Double>> values = pooled.get(metric);
        if (values == null) {
            return;
        }
        for (int i = 0; i < size; i++) {
            List<Double> at = values.get(i);
            b.set(metric, line, i, at == null ? null : how.apply(at));
        }
    }

    private static Double max(Collection<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static Double mean(Collection<Double> values) {
        OptionalDouble mean = values.stream().mapToDouble(Double::doubleValue).average();
        return mean.isPresent() ? mean.getAsDouble() : null;
    }

    /** How much a counter grew; a counter below its earlier value was reset to zero since. */
    static long delta(long now, long earlier) {
        return now < earlier ? now : now - earlier;
    }

    /** The start of a window: {@code minutes} back from {@code now}. */
    static Instant since(Instant now, int minutes) {
        return now.minus(Duration.ofMinutes(minutes));
    }

    private static final class Builder {
        private final int size;
        final List<Long> times = new ArrayList<>();
        final List<Integer> up = new ArrayList<>();
        final Map<String, Map<String, List<Double>>> metrics = new TreeMap<>();

        Builder(int size) {
            this.size = size;
        }

        void set(String metric, String line, int index, Double value) {
            List<Double> values = metrics.computeIfAbsent(metric, m -> new TreeMap<>())
                    .computeIfAbsent(line, l -> new ArrayList<>(java.util.Collections.nCopies(size, null)));
            values.set(index, value == null || !Double.isFinite(value) ? null : value);
        }

        Series build() {
            return new Series(List.copyOf(times), List.copyOf(up), metrics);
        }
    }
}
