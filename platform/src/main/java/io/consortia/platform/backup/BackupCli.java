package io.consortia.platform.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.platform.system.OwnerOnly;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./consortia backup | backup-node | restore-node | restore}: backups through a running
 * platform's REST API (signed in as CONSORTIA_USER / CONSORTIA_PASSWORD, or with a bearer token
 * in CONSORTIA_TOKEN, at --url, else CONSORTIA_URL, else http://localhost:8080), printing each step of
 * the operation as it runs; {@code restore} is {@link RestoreMain} (no platform runs then).
 * Exit 0 on success, 1 when the operation failed, 2 when the request was refused.
 */
@Command(name = "consortia", mixinStandardHelpOptions = true, subcommands = {
        BackupCli.Platform.class, BackupCli.BackupNode.class, BackupCli.RestoreNode.class, RestoreMain.class},
        description = "Backups and restores of nodes and of the platform.")
public final class BackupCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the platform is and who signs in. */
    static class Connection {
        static final String DEFAULT_URL = "http://localhost:8080";

        @Option(names = "--url", description = "the platform (default: CONSORTIA_URL, else " + DEFAULT_URL + ")")
        String url;

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token;
        /** The environment (CONSORTIA_URL, CONSORTIA_TOKEN...); tests give their own. */
        Map<String, String> env = System.getenv();
        /** Where errors are told; tests read it. */
        java.io.PrintStream err = System.err;

        String base() {
            String u = url != null ? url : env.getOrDefault("CONSORTIA_URL", DEFAULT_URL);
            return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        }

        /** The platform's address and where it came from, as the user gave it: --url, CONSORTIA_URL or neither. */
        String where() {
            if (url != null) {
                return base() + " (given with --url)";
            }
            if (env.containsKey("CONSORTIA_URL")) {
                return base() + " (from CONSORTIA_URL)";
            }
            return base() + " (the default; give --url or set CONSORTIA_URL for another platform)";
        }

        void signIn() throws IOException, InterruptedException {
            token = env.get("CONSORTIA_TOKEN");
            if (token != null && !token.isBlank()) {
                return;
            }
            String user = env.get("CONSORTIA_USER");
            String password = env.get("CONSORTIA_PASSWORD");
            if (user == null || password == null) {
                throw new Refused("set CONSORTIA_USER and CONSORTIA_PASSWORD (or CONSORTIA_TOKEN) to sign in");
            }
            JsonNode signedIn = call("POST", "/api/v1/auth/login",
                    JSON.writeValueAsString(Map.of("username", user, "password", password)));
            token = signedIn.get("token").asText();
        }

        JsonNode call(String method, String path, String body) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                    .timeout(Duration.ofMinutes(5)).header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                String detail = response.body();
                try {
                    detail = JSON.readTree(response.body()).path("detail").asText(detail);
                } catch (IOException e) {
                    // not problem+json: the body as it is
                }
                throw new Refused(method + " " + path + ": " + response.statusCode() + " " + detail);
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        }

        /** Prints each step once it finishes, until the deployment does; 0 when it succeeded. */
        int follow(JsonNode deployment) throws IOException, InterruptedException {
            long id = deployment.get("id").asLong();
            System.out.println("consortia: " + deployment.get("action").asText() + " started (deployment " + id + ")");
            Set<Integer> shown = new HashSet<>();
            while (true) {
                JsonNode d = call("GET", "/api/v1/deployments/" + id, null);
                JsonNode steps = d.get("steps");
                for (int i = 0; i < steps.size(); i++) {
                    JsonNode s = steps.get(i);
                    if (!"RUNNING".equals(s.get("status").asText()) && shown.add(i)) {
                        String detail = s.path("detail").asText("");
                        System.out.println("  " + s.get("status").asText() + "  " + s.get("name").asText()
                                + (detail.isBlank() || "null".equals(detail) ? "" : " — " + detail));
                    }
                }
                String status = d.get("status").asText();
                if (!"RUNNING".equals(status)) {
                    System.out.println("consortia: " + status + (d.path("reason").isTextual()
                            ? ": " + d.get("reason").asText() : ""));
                    return "SUCCEEDED".equals(status) ? 0 : 1;
                }
                Thread.sleep(1000); // a person watches: once a second is enough
            }
        }
    }

    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true, description = "Back up the platform (platform admin); the master key is not included")
    static final class Platform implements Callable<Integer> {
        @CommandLine.Mixin
        Connection connection = new Connection();

        @Option(names = {"-o", "--output"}, description = "also download the archive (and its .sha256) to this file")
        Path output;

        @Option(names = "--note", description = "why the backup is taken (kept in it); default: taken by ./consortia backup")
        String note = "taken by ./consortia backup";

        @Override
        public Integer call() throws Exception {
            return run(connection, () -> {
                connection.signIn();
                JsonNode b = connection.call("POST", "/api/v1/platform/backups",
                        JSON.writeValueAsString(Map.of("note", note)));
                b.get("steps").forEach(s -> System.out.println("  " + s.get("status").asText() + "  "
                        + s.get("name").asText()));
                System.out.println("consortia: platform backup " + b.get("name").asText() + " (" + b.get("sizeBytes")
                        + " bytes, SHA-256 " + b.get("sha256").asText() + ") in the platform's data directory"
                        + " under backups/platform");
                if (output != null) {
                    download(connection, "/api/v1/platform/backups/" + b.get("name").asText(), output,
                            b.get("sha256").asText());
                    System.out.println("consortia: downloaded to " + output + " (keep the master key apart)");
                }
                return 0;
            });
        }
    }

    /**
     * Downloads an archive to {@code output}, with its SHA-256 in {@code output.sha256}, both
     * created owner-only (0600): a platform backup holds password hashes and sealed keys, and the
     * umask (often 022) would leave it readable by every local user.
     */
    static void download(Connection connection, String path, Path output, String sha256)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(connection.base() + path))
                .header("Authorization", "Bearer " + connection.token).build();
        HttpResponse<java.io.InputStream> response = connection.http.send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new Refused("GET " + path + ": " + response.statusCode());
            }
            try (java.io.OutputStream out = OwnerOnly.newOutputStream(output)) {
                in.transferTo(out);
            }
        }
        OwnerOnly.writeString(output.resolveSibling(output.getFileName() + ".sha256"),
                sha256 + "  " + output.getFileName() + "\n");
    }

    @Command(name = "backup-node", mixinStandardHelpOptions = true, description = "Back up a node (its organisation's admin or the consortium leader)")
    static final class BackupNode implements Callable<Integer> {
        @CommandLine.Mixin
        Connection connection = new Connection();

        @Parameters(paramLabel = "NODE_ID")
        String nodeId;

        @Override
        public Integer call() throws Exception {
            return run(connection, () -> {
                connection.signIn();
                return connection.follow(connection.call("POST", "/api/v1/nodes/" + nodeId + "/backups", ""));
            });
        }
    }

    @Command(name = "restore-node", mixinStandardHelpOptions = true, description = "Restore a node from one of its backups and wait until it caught up")
    static final class RestoreNode implements Callable<Integer> {
        @CommandLine.Mixin
        Connection connection = new Connection();

        @Parameters(paramLabel = "NODE_ID")
        String nodeId;

        @Option(names = "--backup", required = true, paramLabel = "ID", description = "the backup's id (see the console"
                + " or GET /api/v1/consortia/{id}/backups)")
        long backupId;

        @Override
        public Integer call() throws Exception {
            return run(connection, () -> {
                connection.signIn();
                return connection.follow(connection.call("POST", "/api/v1/nodes/" + nodeId + "/restore",
                        JSON.writeValueAsString(Map.of("backupId", backupId))));
            });
        }
    }

    interface Body {
        int run() throws Exception;
    }

    static int run(Connection connection, Body body) throws Exception {
        try {
            return body.run();
        } catch (Refused e) {
            connection.err.println("consortia: " + e.getMessage());
            return 2;
        } catch (java.net.ConnectException e) {
            connection.err.println("consortia: the platform does not answer at " + connection.where()
                    + "; is it running?");
            return 2;
        }
    }

    public static void main(String[] args) {
        CliLogging.errorsOnStandardError();
        System.exit(new CommandLine(new BackupCli()).execute(args));
    }
}
