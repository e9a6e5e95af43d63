package io.consortia.platform.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * What the console shows about a running node beyond its status: its Raft role per channel
 * (from the node's own Prometheus metrics) and, for local processes, CPU time and resident memory.
 */
@Component
public class NodeVitals {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** @param roles channel to LEADER / FOLLOWER / CANDIDATE / LISTENER; cpuSeconds and rssBytes null when unknown */
    public record Vitals(Map<String, String> roles, Double cpuSeconds, Long rssBytes) {
        public String rssMegabytes() {
            return rssBytes == null ? null : String.valueOf(rssBytes / (1024 * 1024));
        }
    }

    public Vitals of(NodeRecord node) {
        if (node.status() != NodeStatus.RUNNING) {
            return new Vitals(Map.of(), null, null);
        }
        Map<String, String> roles = new TreeMap<>();
        metrics(node).ifPresent(text -> {
            for (String line : text.split("\n")) {
                if (line.startsWith("consortia_raft_role{") && isOne(line.substring(line.lastIndexOf(' ') + 1))) {
                    String channel = label(line, "channel");
                    String role = label(line, "role");
                    if (channel != null && role != null) {
                        roles.put(channel, role);
                    }
                }
            }
        });
        Double cpu = null;
        Long rss = null;
        if (node.pid() != null) {
            Optional<ProcessHandle> process = ProcessHandle.of(node.pid());
            cpu = process.flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toMillis() / 1000.0).orElse(null);
            rss = residentBytes(node.pid());
        }
        return new Vitals(roles, cpu, rss);
    }

    private Optional<String> metrics(NodeRecord node) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + node.host() + ":" + node.metricsPort()
                    + "/metrics")).timeout(Duration.ofSeconds(2)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean isOne(String value) {
        try {
            return Double.parseDouble(value) == 1.0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String label(String line, String name) {
        int start = line.indexOf(name + "=\"");
        if (start < 0) {
            return null;
        }
        start += name.length() + 2;
        int end = line.indexOf('"', start);
        return end < 0 ? null : line.substring(start, end);
    }

    /** VmRSS from /proc (Linux); null elsewhere or when the process is gone. */
    private static Long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
