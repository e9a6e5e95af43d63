package io.consortia.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * JFR profiles for {@code --profile}, with the "profile" settings (method samples every 10-20 ms,
 * allocation and lock events). Node processes record from their start
 * ({@link #NODE_OPTION}: starting JFR later in a running JVM makes it recompile much of its
 * code, which then pollutes the window being measured); at the end of the window each node's
 * recording of just that window is dumped with {@code jcmd <pid> JFR.dump begin=-Ns}. This JVM
 * records through the jdk.jfr API. Read them with {@code jfr print --events jdk.ExecutionSample
 * <file>} or {@code jfr summary <file>}.
 */
final class JfrProfiler implements Profiler {
    /** Added to the node processes' JVM options by {@code --profile}. */
    static final String NODE_OPTION = "-XX:StartFlightRecording=name=bench,settings=profile,disk=true,maxage=30m";

    private final Path dir;
    private final List<BenchTarget.TargetNode> nodes;
    private final PrintStream err;
    private final Recording own;

    private JfrProfiler(Path dir, List<BenchTarget.TargetNode> nodes, PrintStream err, Recording own) {
        this.dir = dir;
        this.nodes = nodes;
        this.err = err;
        this.own = own;
    }

    /** Starts this JVM's recording; node processes already record since they started with {@link #NODE_OPTION}. */
    static JfrProfiler start(Path dir, List<BenchTarget.TargetNode> nodes, PrintStream err) throws IOException {
        Path abs = dir.toAbsolutePath();
        Files.createDirectories(abs);
        Recording own;
        try {
            own = new Recording(Configuration.getConfiguration("profile"));
            own.setName("bench");
            own.start();
        } catch (java.text.ParseException e) {
            throw new IOException("cannot read the JFR 'profile' settings", e);
        }
        return new JfrProfiler(abs, nodes, err, own);
    }

    /** Dumps the last {@code windowSeconds} of every node's recording. */
    @Override
    public BenchReport.Profile stop(long windowSeconds) throws IOException {
        for (BenchTarget.TargetNode node : nodes) {
            if (node.pid() > 0) {
                jcmd(node.pid(), err, "JFR.dump", "name=bench", "begin=-" + windowSeconds + "s",
                        "filename=" + dir.resolve(node.id() + ".jfr"));
            }
        }
        own.stop();
        own.dump(dir.resolve("bench-jvm.jfr"));
        own.close();
        err.println("[bench] JFR profiles in " + dir + " (jfr print --events jdk.ExecutionSample <file>)");
        return new BenchReport.Profile("jfr", dir.toString(), null, null, List.of());
    }

    private static void jcmd(long pid, PrintStream err, String... command) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                err.println("[bench] jcmd " + String.join(" ", command) + " on " + pid + " failed: " + output.trim());
            }
        } catch (IOException e) {
            err.println("[bench] cannot run jcmd: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
