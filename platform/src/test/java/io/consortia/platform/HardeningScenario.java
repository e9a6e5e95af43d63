package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an attacker and a burst of identical requests found (issue 16): identical creations at
 * once, a foreign Authorization header next to a session cookie, errors the servlet container
 * answers itself, password guessing, weak export passphrases, and the data directory's
 * permissions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HardeningScenario {
    /** Throttle waits long enough that a loaded machine cannot outlast them between two requests. */
    private static final String THROTTLE_WAIT = "10m";
    private PlatformRunner platform;
    private Api admin;
    private Api orgAdmin;
    private long organization;

    abstract TestDatabase database();

    @BeforeAll
    void setUp() throws IOException {
        platform = new PlatformRunner(database())
                .with("consortia.security.sign-in.first-delay", THROTTLE_WAIT)
                .with("consortia.security.sign-in.max-delay", THROTTLE_WAIT);
        // as an operator's umask would leave it: the platform must close it
        Files.setPosixFilePermissions(platform.dataDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        platform.start();
        admin = platform.admin();
        organization = Fixtures.organization(admin, "acme");
        orgAdmin = Fixtures.member(admin, organization, "acme-admin", "ADMIN");
    }

    @AfterAll
    void tearDown() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void twenty_identical_creations_at_once_give_one_201_and_409_problems_never_500() throws Exception {
        for (int round = 0; round < 3; round++) {
            String suffix = "r" + round;
            assertOneCreated(burst(() -> orgAdmin.post("/api/v1/consortia",
                    Json.of("name", "Burst Alliance " + suffix, "signatureScheme", "ECDSA_P256"))));
            assertOneCreated(burst(() -> admin.post("/api/v1/users", Json.of("username", "burst-auditor-" + suffix,
                    "password", Fixtures.password("burst"), "platformRole", "AUDITOR"))));
            assertOneCreated(burst(() -> orgAdmin.post("/api/v1/organizations/" + organization + "/members",
                    Json.of("username", "burst-member-" + suffix, "password", Fixtures.password("burst"),
                            "role", "MEMBER"))));
        }
        // other tests of this class create consortia of their own
        assertThat(admin.get("/api/v1/consortia").json())
                .filteredOn(c -> c.get("name").asText().startsWith("Burst Alliance")).hasSize(3);
    }

    @Test
    void a_session_cookie_with_a_foreign_authorization_header_still_needs_the_csrf_token() throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://127.0.0.1:" + platform.port();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        Api.JSON.writeValueAsString(Json.of("username", "admin", "password", PlatformRunner.ADMIN_PASSWORD))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        String before = admin.get("/api/v1/organizations").body();
        for (String authorization : List.of("Basic eDp4", "Digest username=x", "bearer lower-case-is-not-ours", "x")) {
            HttpResponse<String> write = browser.send(HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/organizations"))
                    .header("Content-Type", "application/json").header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"csrf-victim\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(write.statusCode()).as(authorization + ": " + write.body()).isEqualTo(403);
            assertThat(write.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(admin.get("/api/v1/organizations").body()).isEqualTo(before);
        // the same session with its token may write, so the refusals above were about CSRF only
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().getValue();
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/organizations"))
                .header("Content-Type", "application/json").header("Authorization", "Basic eDp4")
                .header("X-XSRF-TOKEN", xsrf).POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"csrf-checked\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
    }

    @Test
    void errors_the_container_answers_itself_are_problems_too() {
        String token = admin.token().orElseThrow();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        String hugeQuery = "/api/v1/consortia?q=" + "x".repeat(100_000);
        for (String target : List.of("/api/v1/consortia%2F1", "/api/v1/consortia/%00", "/api/v1/%2e%2e/consortia",
                "/api/v1/../../../etc/passwd", "/../etc/passwd", "/api/v1/consortia;x=1", "/api//v1/consortia",
                hugeQuery, "/api/v1/nodes/n1/logs?lines=%ZZ", "/api/v1/nodes/n1/logs?=&&=x", "/no-such-page",
                "/api/v1/no-such-endpoint")) {
            RawHttp.Response response = RawHttp.send(platform.port(), "GET", target, bearer, null);
            String shown = target.length() > 60 ? target.substring(0, 60) + "..." : target;
            assertThat(response.status()).as(shown + " -> " + response).isBetween(400, 499);
            assertThat(response.contentType()).as(shown + " -> " + response).startsWith("application/problem+json");
            JsonNode problem = json(response.body());
            assertThat(problem.get("status").asInt()).as(shown).isEqualTo(response.status());
            assertThat(problem.get("type").asText()).as(shown).startsWith("urn:consortia:problem:");
            assertThat(problem.get("detail").asText()).as(shown).isNotBlank();
        }
        RawHttp.Response wrongMethod = RawHttp.send(platform.port(), "PATCH", "/api/v1/consortia", bearer, null);
        assertThat(wrongMethod.status()).as(wrongMethod.toString()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
    }

    /**
     * The gateway's signature filter answers before Spring MVC, so the REST API's problem mapping
     * never sees what it throws. The signature check decodes the query, and only for an existing
     * key: a malformed escape was a 500 with a stack trace.
     */
    @Test
    void the_gateway_refuses_a_query_with_a_malformed_escape_as_a_bad_request() throws IOException {
        long logBefore = Files.size(platform.logFile());
        long consortium = Fixtures.consortium(orgAdmin, "Gateway Hardening");
        String applications = "/api/v1/organizations/" + organization + "/applications";
        Api.Response unnamed = orgAdmin.post(applications, Map.of("name", "E", "description", "x".repeat(501)));
        assertThat(unnamed.status()).as(unnamed.toString()).isEqualTo(400);
        assertThat(unnamed.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("consortiumId", "name", "description");
        assertThat(orgAdmin.get(applications).json()).as("applications after the refusal").isEmpty();
        Api.Response registered = orgAdmin.post(applications, Json.of("consortiumId", consortium, "name", "erp"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String keys = applications + "/" + registered.json().get("id").asLong() + "/keys";
        // one answer names every scope missing, not one per attempt; and issues nothing
        Api.Response unscoped = orgAdmin.post(keys, Map.of("rateLimitPerSecond", 5));
        assertThat(unscoped.status()).as(unscoped.toString()).isEqualTo(400);
        assertThat(unscoped.json().get("errors")).extracting(e -> e.get("field").asText() + " " + e.get("message").asText())
                .containsExactlyInAnyOrder("channels must name at least one entry, or '*' for any",
                        "contracts must name at least one entry, or '*' for any",
                        "functions must name at least one entry, or '*' for any");
        assertThat(orgAdmin.get(keys).json()).as("keys after the refusal").isEmpty();
        Api.Response issued = orgAdmin.post(keys,
                Json.of("channels", List.of("*"), "contracts", List.of("*"), "functions", List.of("*")));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        Map<String, String> signedWithZeros = Map.of(
                "Authorization", "CONSORTIA-HMAC-SHA256 Credential=" + issued.json().get("key").get("accessKeyId")
                        .asText() + ", SignedHeaders=host;x-consortia-date;x-consortia-nonce, Signature=" + "0".repeat(64),
                "X-Consortia-Date", io.consortia.sdk.gateway.RequestSigner.date(java.time.Instant.now()),
                "X-Consortia-Nonce", "hardening-nonce-000001");
        RawHttp.Response refused = RawHttp.send(platform.port(), "GET", "/gateway/v1/channels/main/blocks?x=%ZZ",
                signedWithZeros, null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(json(refused.body()).get("type").asText()).isEqualTo("urn:consortia:problem:bad-request");
        assertThat(json(refused.body()).get("detail").asText()).contains("%25");
        assertThat(platform.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select count(*) from gateway_nonces").query(Long.class).single()).isZero();
        assertThat(logSince(logBefore)).doesNotContain("URLDecoder");
    }

    /**
     * Without a Content-Length the size limit shows only while the body is read, and the
     * gateway's filter reads it itself: the limit's exception was a 500 with a stack trace.
     */
    @Test
    void the_gateway_refuses_an_oversized_chunked_body_with_413() throws IOException {
        long logBefore = Files.size(platform.logFile());
        Api.Response refused = platform.api().postChunked("/gateway/v1/channels/main/transactions",
                "{\"args\":[\"" + "x".repeat(1 << 20) + "\"]}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:consortia:problem:payload-too-large");
        assertThat(refused.json().get("detail").asText()).contains("exceeds the limit");
        assertThat(logSince(logBefore)).doesNotContain("BodyTooLargeException");
    }

    private String logSince(long offset) throws IOException {
        try (var in = Files.newInputStream(platform.logFile())) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void failed_sign_ins_are_throttled_with_retry_after_and_other_accounts_are_not() {
        Fixtures.member(orgAdmin, organization, "guessed", "MEMBER");
        Api anonymous = platform.api();
        for (int i = 0; i < 6; i++) {
            Api.Response wrong = anonymous.post("/api/v1/auth/login", Json.of("username", "guessed",
                    "password", "wrong-password-" + i));
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        }
        for (String password : List.of("wrong-password-6", Fixtures.password("guessed"))) {
            Api.Response held = anonymous.post("/api/v1/auth/login", Json.of("username", "guessed", "password", password));
            Fixtures.assertThrottled(held);
        }
        assertThat(anonymous.post("/api/v1/auth/login", Json.of("username", "acme-admin",
                "password", Fixtures.password("acme-admin"))).status()).isEqualTo(200);
    }

    @Test
    void key_export_refuses_passphrases_that_are_long_but_easy_to_guess() {
        for (String weak : List.of("aaaaaaaaaaaa", "111111111111", "123456789012", "password1234")) {
            Api.Response refused = orgAdmin.post("/api/v1/organizations/" + organization + "/keys/export",
                    Json.of("passphrase", weak, "currentPassword", Fixtures.password("acme-admin")));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).contains("10^10 guesses").doesNotContain(weak);
        }
        Api.Response control = orgAdmin.post("/api/v1/organizations/" + organization + "/keys/export",
                Json.of("passphrase", "\u0000".repeat(12), "currentPassword", Fixtures.password("acme-admin")));
        assertThat(control.status()).as(control.toString()).isEqualTo(400);
        assertThat(control.json().get("detail").asText()).contains("passphrase must not contain control characters");
        Api.Response exported = orgAdmin.post("/api/v1/organizations/" + organization + "/keys/export",
                Json.of("passphrase", "correct horse battery staple", "currentPassword", Fixtures.password("acme-admin")));
        assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
    }

    @Test
    void key_export_asks_for_the_current_password_and_wrong_ones_are_throttled_with_password_changes() {
        // A stolen bearer token alone does not export the organisation's private keys.
        Api holder = Fixtures.member(orgAdmin, organization, "export-holder", "ADMIN");
        String export = "/api/v1/organizations/" + organization + "/keys/export";
        String passphrase = "correct horse battery staple";
        Api.Response missing = holder.post(export, Json.of("passphrase", passphrase));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("detail").asText()).contains("currentPassword");
        assertThat(missing.body()).doesNotContain("ciphertext");
        // counted per user like wrong current passwords of PUT /me/password: after 5, each further one waits
        for (int i = 0; i < 6; i++) {
            Api.Response wrong = holder.post(export, Json.of("passphrase", passphrase,
                    "currentPassword", "wrong-password-" + i));
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
            assertThat(wrong.contentType()).startsWith("application/problem+json");
            assertThat(wrong.json().get("detail").asText()).isEqualTo("currentPassword is wrong");
            assertThat(wrong.body()).doesNotContain("ciphertext");
        }
        Fixtures.assertThrottled(holder.put("/api/v1/me/password", Json.of("currentPassword",
                Fixtures.password("export-holder"), "newPassword", "a-new-password-for-the-holder")));
        // throttled: not checked, so even the right password exports nothing until the wait is over
        Fixtures.assertThrottled(holder.post(export, Json.of("passphrase", passphrase,
                "currentPassword", Fixtures.password("export-holder"))));
    }

    @Test
    void the_data_directory_and_every_file_in_it_are_owner_only() throws IOException {
        Path dataDir = platform.dataDir();
        assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        if (database() == TestDatabase.H2) {
            Path database = dataDir.resolve("db").resolve("platform.mv.db");
            assertThat(database).exists();
            assertThat(Files.getPosixFilePermissions(database)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("master.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // files created after start (H2's trace file, the node runtime) are tidied by the next sweep
        org.awaitility.Awaitility.await("every file owner-only").atMost(java.time.Duration.ofMinutes(2))
                .pollInterval(java.time.Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(openFiles(dataDir)).as("files others may read").isEmpty());
    }

    private static List<String> openFiles(Path dataDir) throws IOException {
        List<String> open = new ArrayList<>();
        // the node keeps writing: a file or directory removed during the walk is skipped, not an error
        Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                check(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                check(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            private void check(Path path) {
                try {
                    var permissions = Files.getPosixFilePermissions(path);
                    if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                        open.add(dataDir.relativize(path) + " " + PosixFilePermissions.toString(permissions));
                    }
                } catch (IOException e) {
                    // removed meanwhile
                }
            }
        });
        return open;
    }

    private static List<Api.Response> burst(Supplier<Api.Response> request) throws Exception {
        int n = 20;
        CyclicBarrier together = new CyclicBarrier(n);
        ExecutorService callers = Executors.newFixedThreadPool(n);
        try {
            List<Future<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(callers.submit(() -> {
                    together.await(60, TimeUnit.SECONDS);
                    return request.get();
                }));
            }
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> call : calls) {
                responses.add(call.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            callers.shutdownNow();
        }
    }

    private static void assertOneCreated(List<Api.Response> responses) {
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(201, 409));
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).allSatisfy(r -> {
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("type").asText()).isEqualTo("urn:consortia:problem:conflict");
        });
    }

    private static JsonNode json(String body) {
        try {
            return Api.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

}
