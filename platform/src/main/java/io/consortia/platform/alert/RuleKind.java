package io.consortia.platform.alert;

/**
 * What a rule watches, with the meaning of its threshold and window, their defaults and
 * allowed ranges. Rules whose facts come from the node scraper ({@link #needsSamples()}) are
 * not evaluated on a platform without one.
 */
public enum RuleKind {
    /** A node that should run is not serving (crashed, failed, or not answering its scrape). */
    NODE_DOWN(Severity.CRITICAL, false, 0, 0, 0, 0, 0, 0, 30),
    /** A node's height on a channel is {@code threshold} or more blocks behind the highest node's. */
    HEIGHT_LAG(Severity.WARNING, true, 10, 1, 1_000_000, 0, 0, 0, 60),
    /** Transactions wait on a channel since {@code window} seconds or longer, and no block came since. */
    NO_BLOCKS(Severity.WARNING, true, 0, 0, 0, 600, 60, 7 * 86_400L, 0),
    /** The file system of a node's data directory is more than {@code threshold} % used ((size - free) / size). */
    DISK_USAGE(Severity.WARNING, true, 85, 1, 99, 0, 0, 0, 60),
    /** A certificate in use expires within {@code threshold} days (or has expired). */
    CERTIFICATE_EXPIRY(Severity.WARNING, false, 30, 1, 3650, 0, 0, 0, 0),
    /** More than {@code threshold} Raft leader changes on a channel within {@code window} seconds. */
    LEADER_CHANGES(Severity.WARNING, true, 3, 1, 1_000_000, 600, 60, 86_400, 0),
    /** The consortium's latest deployment failed (within {@code window} seconds); a later success resolves it. */
    DEPLOYMENT_FAILED(Severity.CRITICAL, false, 0, 0, 0, 86_400, 60, 30 * 86_400L, 0),
    /**
     * No node that answers knows a Raft leader for a channel: nothing is ordered, usually because
     * fewer than a majority of its nodes run. How long that may last before it alerts is the rule's
     * {@code for} (as the shipped Prometheus rule's {@code for: 2m}).
     */
    NO_LEADER(Severity.CRITICAL, true, 0, 0, 0, 0, 0, 0, 120);

    public enum Severity { CRITICAL, WARNING }

    private final Severity severity;
    private final boolean needsSamples;
    private final long defaultThreshold;
    private final long minThreshold;
    private final long maxThreshold;
    private final long defaultWindow;
    private final long minWindow;
    private final long maxWindow;
    private final long defaultFor;

    RuleKind(Severity severity, boolean needsSamples, long defaultThreshold, long minThreshold, long maxThreshold,
            long defaultWindow, long minWindow, long maxWindow, long defaultFor) {
        this.severity = severity;
        this.needsSamples = needsSamples;
        this.defaultThreshold = defaultThreshold;
        this.minThreshold = minThreshold;
        this.maxThreshold = maxThreshold;
        this.defaultWindow = defaultWindow;
        this.minWindow = minWindow;
        this.maxWindow = maxWindow;
        this.defaultFor = defaultFor;
    }

    public Severity severity() {
        return severity;
    }

    /** Whether the rule evaluates node samples (heights, disk, leader changes) from the scraper. */
    public boolean needsSamples() {
        return needsSamples;
    }

    /** Whether the kind has a threshold; when not, it is 0. */
    public boolean hasThreshold() {
        return maxThreshold > 0;
    }

    /** Whether the kind has a window; when not, it is 0. */
    public boolean hasWindow() {
        return maxWindow > 0;
    }

    public long defaultThreshold() {
        return defaultThreshold;
    }

    public long minThreshold() {
        return minThreshold;
    }

    public long maxThreshold() {
        return maxThreshold;
    }

    public long defaultWindow() {
        return defaultWindow;
    }

    public long minWindow() {
        return minWindow;
    }

    public long maxWindow() {
        return maxWindow;
    }

    public long defaultFor() {
        return defaultFor;
    }
}
