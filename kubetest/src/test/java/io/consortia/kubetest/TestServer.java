package io.consortia.kubetest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The workload of the test cluster's ITs, run by the test kubelet as a container process: an HTTP server bound to
 * its Pod's address ({@code POD_IP}) that keeps a boot count in its data directory (named by its mounted config
 * file, so the kubelet's path mapping is exercised), and answers
 * <ul>
 *   <li>{@code /health}: 200, or 500 after {@code /sick};
 *   <li>{@code /state}: first boot line, boot count, data directory, the secret's content;
 *   <li>{@code /resolve?name=}: the addresses the name resolves to in this process (the cluster hosts file).
 * </ul>
 * Arguments: {@code --config <file> --secret <file> --port <n>}.
 */
public final class TestServer {
    private TestServer() {}

    public static void main(String[] args) throws IOException {
        Path config = Path.of(arg(args, "--config"));
        Path secret = Path.of(arg(args, "--secret"));
        int port = Integer.parseInt(arg(args, "--port"));
        String ip = System.getenv("POD_IP");
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(config)) {
            properties.load(reader);
        }
        Path data = Path.of(properties.getProperty("dataDir"));
        Path firstBoot = data.resolve("first-boot");
        if (!Files.exists(firstBoot)) {
            Files.writeString(firstBoot, System.getenv("POD_NAME") + " " + Instant.now());
        }
        Path boots = data.resolve("boots");
        Files.writeString(boots, "boot\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        AtomicBoolean sick = new AtomicBoolean();

        HttpServer server = HttpServer.create(new InetSocketAddress(ip, port), 16);
        server.createContext("/health", exchange -> reply(exchange, sick.get() ? 500 : 200, sick.get() ? "sick" : "ok"));
        server.createContext("/sick", exchange -> {
            sick.set(true);
            System.out.println("told to be sick");
            reply(exchange, 200, "sick now");
        });
        server.createContext("/state", exchange -> reply(exchange, 200, String.join("\n",
                "firstBoot=" + Files.readString(firstBoot),
                "boots=" + Files.readAllLines(boots).size(),
                "dataDir=" + data,
                "secret=" + Files.readString(secret).trim(),
                "greeting=" + properties.getProperty("greeting"))));
        server.createContext("/resolve", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String name = URLDecoder.decode(query.substring(query.indexOf('=') + 1), StandardCharsets.UTF_8);
            try {
                reply(exchange, 200, Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress)
                        .sorted().collect(Collectors.joining(",")));
            } catch (UnknownHostException e) {
                reply(exchange, 404, "unknown host " + name);
            }
        });
        server.start();
        System.out.println("serving on " + ip + ":" + port + " as " + System.getenv("POD_NAME") + ", data in " + data);
    }

    private static String arg(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name + " in " + Arrays.toString(args));
    }

    private static void reply(HttpExchange exchange, int code, String body) throws IOException {
        try (exchange) {
            byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
