package io.consortia.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the nodes' CPU went, by subsystem, from async-profiler's collapsed stacks ("[thread
 * tid=N];frame;frame... count" per line, kernel frames ending in {@code _[k]}). Each sample goes
 * to the first of {@link #SUBSYSTEMS} whose pattern matches its thread name or any of its frames
 * — signature verification wherever it runs (the verify pool, or the apply thread helping it),
 * then whole threads (JIT, JVM, RocksDB background), then the libraries doing the work — and
 * otherwise to the one of {@link #GENERIC} (gRPC/Netty, Ratis, the node) that owns its deepest
 * frame: those call each other (gRPC threads run the node's admission, Ratis threads its apply),
 * and the work belongs to whoever is running, not to whoever called.
 */
final class ProfileBreakdown {

    record Subsystem(String name, Pattern pattern) {
        Subsystem(String name, String regex) {
            this(name, Pattern.compile(regex));
        }
    }

    static final List<Subsystem> SUBSYSTEMS = List.of(
            new Subsystem("signature verification", "SignatureSchemes\\.verify|ECDSASigner\\.verifySignature|SM2Signer\\.verifySignature"),
            new Subsystem("JIT compiler threads", "^\\[C[12] CompilerThre|CompileBroker::"),
            new Subsystem("JVM: GC, safepoints, service threads", "^\\[(GC Thread|G1 |VM Thread|VM Periodic|Service Thread|Sweeper|Monitor Deflati|Reference Handl|Finalizer|Common-Cleaner)"),
            new Subsystem("Raft log: append, fsync (Ratis)", "SegmentedRaftLog"),
            new Subsystem("RocksDB background: flush, compaction", "^\\[rocksdb:"),
            new Subsystem("RocksDB writes (block commit)", "org/rocksdb/RocksDB\\.write"),
            new Subsystem("RocksDB reads", "org/rocksdb/"),
            new Subsystem("TLS", "SslHandler|OpenSsl|SSLEngine"),
            new Subsystem("contract execution", "io/consortia/node/contracts/"),
            new Subsystem("protobuf (de)serialisation", "com/google/protobuf/|thirdparty/com/google/protobuf/|RaftProtos|io/consortia/protocol/"),
            new Subsystem("hashing", "SHA2|sha256_|SM3Digest|MessageDigest"));
    static final List<Subsystem> GENERIC = List.of(
            new Subsystem("gRPC and Netty (network I/O)", "^(io/grpc/|org/apache/ratis/thirdparty/io/grpc/|.*/netty/)"),
            new Subsystem("Raft, other (Ratis)", "^org/apache/ratis/"),
            new Subsystem("node, other (Consortia)", "^io/consortia/"));
    static final String OTHER = "other";

    record Row(String subsystem, long samples, long kernelSamples) {}

    private final Map<String, long[]> bySubsystem = new LinkedHashMap<>();
    private final Map<String, Long> selfOutsideVerification = new LinkedHashMap<>();
    private long total;
    private int profiles;

    private ProfileBreakdown() {
        SUBSYSTEMS.forEach(s -> bySubsystem.put(s.name(), new long[2]));
        GENERIC.forEach(s -> bySubsystem.put(s.name(), new long[2]));
        bySubsystem.put(OTHER, new long[2]);
    }

    static ProfileBreakdown of(Collection<Path> collapsedFiles) throws IOException {
        ProfileBreakdown b = new ProfileBreakdown();
        for (Path file : collapsedFiles) {
            b.profiles++;
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.forEach(b::add);
            }
        }
        return b;
    }

    static ProfileBreakdown ofLines(List<String> lines) {
        ProfileBreakdown b = new ProfileBreakdown();
        b.profiles = 1;
        lines.forEach(b::add);
        return b;
    }

    private void add(String line) {
        int space = line.lastIndexOf(' ');
        if (space <= 0) {
            return;
        }
        long count;
        try {
            count = Long.parseLong(line.substring(space + 1).trim());
        } catch (NumberFormatException e) {
            return;
        }
        String stack = line.substring(0, space);
        String subsystem = classify(stack);
        String leaf = stack.substring(stack.lastIndexOf(';') + 1);
        long[] cell = bySubsystem.get(subsystem);
        cell[0] += count;
        if (leaf.endsWith("_[k]")) {
            cell[1] += count;
        }
        total += count;
        if (!subsystem.equals(SUBSYSTEMS.get(0).name())) {
            selfOutsideVerification.merge(leaf.replaceAll("_\\[[a-z0-9]]$", ""), count, Long::sum);
        }
    }

    static String classify(String stack) {
        for (Subsystem s : SUBSYSTEMS) {
            if (s.pattern().matcher(stack).find()) {
                return s.name();
            }
        }
        String[] frames = stack.split(";");
        for (int i = frames.length - 1; i > 0; i--) { // frames[0] is the thread
            for (Subsystem s : GENERIC) {
                if (s.pattern().matcher(frames[i]).find()) {
                    return s.name();
                }
            }
        }
        return OTHER;
    }

    long total() {
        return total;
    }

    /** Subsystems with samples, most first, then "other". */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        bySubsystem.forEach((name, cell) -> {
            if (cell[0] > 0 && !name.equals(OTHER)) {
                rows.add(new Row(name, cell[0], cell[1]));
            }
        });
        rows.sort((a, b) -> Long.compare(b.samples(), a.samples()));
        long[] other = bySubsystem.get(OTHER);
        if (other[0] > 0) {
            rows.add(new Row(OTHER, other[0], other[1]));
        }
        return rows;
    }

    /** The functions with the most samples of their own, outside signature verification. */
    List<Map.Entry<String, Long>> topSelf(int n) {
        return selfOutsideVerification.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(n)
                .toList();
    }

    BenchReport.Profile toReport(String directory, double sampledSecondsPerNode) {
        List<BenchReport.Share> shares = rows().stream()
                .map(r -> new BenchReport.Share(r.subsystem(), 100.0 * r.samples() / Math.max(1, total),
                        100.0 * r.kernelSamples() / Math.max(1, total)))
                .toList();
        return new BenchReport.Profile("async-profiler", directory, total, sampledSecondsPerNode, shares);
    }

    /** @param sampledSeconds how long each node was sampled, on average (0 if unknown) */
    String render(double sampledSeconds) {
        StringBuilder sb = new StringBuilder();
        double cpuSeconds = total * 0.004;
        sb.append(String.format(Locale.ROOT, "CPU profile of the measured window: %d node(s), %,d samples of 4 ms "
                + "(%.1f CPU-seconds%s)%n", profiles, total, cpuSeconds, sampledSeconds > 0
                ? String.format(Locale.ROOT, "; %.1f s sampled per node, so %.2f cores", sampledSeconds, cpuSeconds / sampledSeconds)
                : ""));
        sb.append(String.format(Locale.ROOT, "  %7s  %14s  %s%n", "share", "in the kernel", "subsystem"));
        for (Row row : rows()) {
            sb.append(String.format(Locale.ROOT, "  %6.1f %%  %12.1f %%  %s%n", 100.0 * row.samples() / Math.max(1, total),
                    100.0 * row.kernelSamples() / Math.max(1, total), row.subsystem()));
        }
        sb.append("  functions with the most own samples, outside signature verification:\n");
        for (Map.Entry<String, Long> e : topSelf(15)) {
            String name = e.getKey().length() > 110 ? e.getKey().substring(0, 107) + "..." : e.getKey();
            sb.append(String.format(Locale.ROOT, "  %6.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total), name));
        }
        return sb.toString();
    }
}
