package io.consortia.kubetest.kubelet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.consortia.common.DaemonThreads;
import io.consortia.kubetest.KubeTestException;
import io.consortia.kubetest.tls.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

/**
 * The part of the kubelet's HTTPS API the API server proxies {@code pods/log} to:
 * {@code GET /containerLogs/{namespace}/{pod}/{container}} with {@code tailLines}, {@code limitBytes},
 * {@code previous} and {@code follow} (timestamps and since* are ignored: the test kubelet does not record line
 * times). The certificate is self-signed; the API server does not verify kubelets unless told to
 * ({@code --kubelet-certificate-authority}). Exec, attach and port-forward are not served (404).
 */
final class LogServer implements AutoCloseable {
    private static final long FOLLOW_POLL_MILLIS = 200;

    private final HttpsServer server;
    private final ExecutorService executor;
    private final BiFunction<String, String, Optional<PodWorker>> pods;

    LogServer(BiFunction<String, String, Optional<PodWorker>> pods) {
        this.pods = pods;
        TestCertificates.Credential ca = TestCertificates.certificateAuthority("consortia-test-kubelet-ca");
        TestCertificates.Credential serving = TestCertificates.serving(ca, "consortia-test-kubelet",
                List.of("localhost"), List.of("127.0.0.1"));
        try {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new KubeTestException("cannot open the test kubelet's HTTPS port", e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(serving)));
        executor = Executors.newCachedThreadPool(DaemonThreads.numbered("kubelet-https"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/healthz")) {
                reply(exchange, 200, "ok");
                return;
            }
            String[] parts = path.split("/");
            // "", "containerLogs", ns, pod, container
            if (parts.length != 5 || !parts[1].equals("containerLogs") || !"GET".equals(exchange.getRequestMethod())) {
                reply(exchange, 404, "the Consortia test kubelet serves only GET /containerLogs/{ns}/{pod}/{container}");
                return;
            }
            Optional<PodWorker> worker = pods.apply(parts[2], parts[3]);
            if (worker.isEmpty()) {
                reply(exchange, 404, "pod " + parts[2] + "/" + parts[3] + " does not run on this kubelet");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            boolean previous = Boolean.parseBoolean(query.getOrDefault("previous", "false"));
            Optional<Path> file = worker.get().logFile(parts[4], previous);
            if (file.isEmpty()) {
                reply(exchange, worker.get().findContainer(parts[4]).isPresent() ? 400 : 404,
                        (previous ? "previous terminated container " : "container ") + parts[4] + " in pod "
                                + parts[3] + " has no log" + (previous ? "" : " yet"));
                return;
            }
            byte[] content = Files.readAllBytes(file.get());
            if (query.containsKey("tailLines")) {
                content = tail(content, Integer.parseInt(query.get("tailLines")));
            }
            if (query.containsKey("limitBytes")) {
                int limit = Integer.parseInt(query.get("limitBytes"));
                if (limit >= 0 && content.length > limit) {
                    content = java.util.Arrays.copyOf(content, limit);
                }
            }
            boolean follow = Boolean.parseBoolean(query.getOrDefault("follow", "false")) && !previous;
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            if (!follow) {
                exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
                exchange.getResponseBody().write(content);
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(content);
            out.flush();
            follow(worker.get(), parts[4], file.get(), out);
        } catch (NumberFormatException e) {
            reply(exchange, 400, "bad number: " + e.getMessage());
        }
    }

    /** Streams what is appended to the log until the container's run ends or the client goes away. */
    private static void follow(PodWorker worker, String container, Path file, OutputStream out) throws IOException {
        long position = Files.size(file);
        try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
            byte[] buffer = new byte[8192];
            while (true) {
                boolean running = worker.running(container)
                        && worker.logFile(container, false).map(file::equals).orElse(false);
                reader.seek(position);
                int read;
                while ((read = reader.read(buffer)) > 0) {
                    out.write(buffer, 0, read);
                    position += read;
                }
                out.flush();
                if (!running) {
                    return;
                }
                try {
                    Thread.sleep(FOLLOW_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static byte[] tail(byte[] content, int lines) {
        if (lines < 0) {
            return content;
        }
        if (lines == 0) {
            return new byte[0];
        }
        int end = content.length;
        // a final newline ends the last line rather than starting an empty one
        int index = end > 0 && content[end - 1] == '\n' ? end - 2 : end - 1;
        int found = 0;
        for (; index >= 0; index--) {
            if (content[index] == '\n' && ++found == lines) {
                return java.util.Arrays.copyOfRange(content, index + 1, end);
            }
        }
        return content;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.put(key, value);
        }
        return result;
    }

    private static void reply(HttpExchange exchange, int code, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(code, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

}
