package io.consortia.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.platform.MutableClock;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.sdk.gateway.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every refusal of docs/gateway-signing.md, on the platform's real schema (H2, migrated by
 * Flyway) with a clock the test moves, also for the rate limit. A second verifier on the same
 * database stands for the platform after a restart.
 */
class RequestVerifierTest {
    private static final String SECRET = "cs_sk_unit-test-secret";
    private static final String PATH = "/gateway/v1/channels/main/transactions";
    private static final byte[] BODY = "{\"contract\":\"kv\",\"function\":\"put\",\"args\":[\"k\",\"v\"]}"
            .getBytes(StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T18:00:00Z"));
    private GatewayRepository repository;
    private RequestVerifier verifier;
    private JdbcClient jdbc;
    private long application;
    private int nonces;

    /** Stands in for the master-key seal: the "sealed" value is the secret itself, under its context. */
    private static byte[] open(String sealed, String context) {
        assertThat(context).startsWith("consortia-gateway:v1:AK");
        return sealed.getBytes(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void schema() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        data.setUser("sa");
        Flyway.configure().dataSource(data).load().migrate();
        jdbc = JdbcClient.create(data);
        long org = OneConnectionDatabase.organization(jdbc, "org1");
        long consortium = OneConnectionDatabase.consortium(jdbc, org);
        repository = new GatewayRepository(jdbc);
        application = repository.insertApplication(org, consortium, "erp", "", "app:erp", "alice", 0);
        verifier = new RequestVerifier(repository, RequestVerifierTest::open, clock, clock::nanos);
    }

    private void key(String accessKeyId, int rate, Instant expires) {
        repository.insertKey(application, accessKeyId, SECRET, List.of("main"), List.of("kv"), List.of("put"), rate,
                expires.toEpochMilli(), "alice", 0);
    }

    private Map<String, String> signed(String accessKeyId, String secret, Instant at, String nonce) {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "platform:8080");
        headers.put("content-type", "application/json");
        headers.put("x-consortia-date", RequestSigner.date(at));
        headers.put("x-consortia-nonce", nonce);
        List<String> names = List.of("content-type", "host", "x-consortia-date", "x-consortia-nonce");
        String signature = RequestSigner.sign(secret, new RequestSigner.SignedRequest("POST", PATH, "a=1", headers,
                names, BODY));
        headers.put("authorization", RequestSigner.authorization(accessKeyId, names, signature));
        return headers;
    }

    private Map<String, String> signed(String accessKeyId) {
        return signed(accessKeyId, SECRET, clock.instant(), "nonce-" + (1_000_000_000L + nonces++));
    }

    private AccessKey verify(RequestVerifier by, Map<String, String> headers) {
        return by.verify("POST", PATH, "a=1", headers, BODY);
    }

    private void assertRefused(Map<String, String> headers, String type) {
        assertThatThrownBy(() -> verify(verifier, headers)).isInstanceOfSatisfying(GatewayRefusal.class,
                refusal -> {
                    assertThat(refusal.type()).isEqualTo(type);
                    assertThat(refusal.title()).isNotBlank();
                    assertThat(refusal.getMessage()).doesNotContain(SECRET);
                });
    }

    @Test
    void a_correctly_signed_request_is_accepted_and_its_key_returned() {
        key("AK1", 100, clock.instant().plus(Duration.ofDays(1)));
        assertThat(verify(verifier, signed("AK1")).accessKeyId()).isEqualTo("AK1");
    }

    @Test
    void a_replayed_nonce_is_refused_also_by_a_verifier_started_later_on_the_same_database() {
        key("AK1", 100, clock.instant().plus(Duration.ofDays(1)));
        Map<String, String> request = signed("AK1");
        verify(verifier, request);
        assertRefused(request, "gateway-replayed-nonce");
        RequestVerifier afterRestart = new RequestVerifier(repository, RequestVerifierTest::open, clock, clock::nanos);
        assertThatThrownBy(() -> verify(afterRestart, request)).isInstanceOfSatisfying(GatewayRefusal.class,
                refusal -> assertThat(refusal.type()).isEqualTo("gateway-replayed-nonce"));
        // old nonces are forgotten only once no request carrying them can be inside the window
        afterRestart.forgetOldNonces();
        assertThat(jdbc.sql("select count(*) from gateway_nonces").query(Long.class).single()).isEqualTo(1L);
        clock.advance(Duration.ofMinutes(6));
        afterRestart.forgetOldNonces();
        assertThat(jdbc.sql("select count(*) from gateway_nonces").query(Long.class).single()).isZero();
        assertThatThrownBy(() -> verify(afterRestart, request)).isInstanceOfSatisfying(GatewayRefusal.class,
                refusal -> assertThat(refusal.type()).isEqualTo("gateway-clock-skew"));
    }

    @Test
    void requests_outside_five_minutes_either_way_are_refused_and_the_edges_accepted() {
        key("AK1", 100, clock.instant().plus(Duration.ofDays(1)));
        Instant now = clock.instant();
        assertRefused(signed("AK1", SECRET, now.minus(Duration.ofSeconds(301)), "nonce-early-000001"),
                "gateway-clock-skew");
        assertRefused(signed("AK1", SECRET, now.plus(Duration.ofSeconds(301)), "nonce-late-0000001"),
                "gateway-clock-skew");
        verify(verifier, signed("AK1", SECRET, now.minus(Duration.ofMinutes(5)), "nonce-edge-0000001"));
        verify(verifier, signed("AK1", SECRET, now.plus(Duration.ofMinutes(5)), "nonce-edge-0000002"));
    }

    @Test
    void a_body_whose_content_type_is_not_signed_is_refused_as_unsigned() {
        key("AK1", 100, clock.instant().plus(Duration.ofDays(1)));
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "platform:8080");
        headers.put("content-type", "application/json");
        headers.put("x-consortia-date", RequestSigner.date(clock.instant()));
        headers.put("x-consortia-nonce", "nonce-no-content-type");
        List<String> names = List.of("host", "x-consortia-date", "x-consortia-nonce");
        headers.put("authorization", RequestSigner.authorization("AK1", names, RequestSigner.sign(SECRET,
                new RequestSigner.SignedRequest("POST", PATH, "a=1", headers, names, BODY))));
        assertRefused(headers, "gateway-unsigned");
        assertThatThrownBy(() -> verify(verifier, headers))
                .hasMessage("SignedHeaders must include content-type when there is a body");
        // without a body there is no type to sign
        headers.put("authorization", RequestSigner.authorization("AK1", names, RequestSigner.sign(SECRET,
                new RequestSigner.SignedRequest("GET", PATH, "a=1", headers, names, new byte[0]))));
        assertThat(verifier.verify("GET", PATH, "a=1", headers, new byte[0]).accessKeyId()).isEqualTo("AK1");
    }

    @Test
    void a_malformed_date_is_refused_as_unsigned_not_as_clock_skew() {
        key("AK1", 100, clock.instant().plus(Duration.ofDays(1)));
        String basic = RequestSigner.date(clock.instant());
        for (String date : List.of("2026-12-02T18:00:00Z", basic.toLowerCase(java.util.Locale.ROOT), "yesterday")) {
            Map<String, String> badDate = signed("AK1", SECRET, clock.instant(), "nonce-date-" + date.hashCode()
                    + "-00000");
            badDate.put("x-consortia-date", date);
            assertRefused(badDate, "gateway-unsigned");
            assertThatThrownBy(() -> verify(verifier, badDate)).hasMessage("X-Consortia-Date must be UTC in ISO 8601 "
                    + "basic format, e.g. 20261202T180000Z, not " + date);
        }
    }

    @Test
    void a_wrong_secret_a_changed_request_and_an_unknown_key_are_refused() {
        key("AK1", 100, clock.instant().plus(Duration.ofDays(1)));
        assertRefused(signed("AK1", SECRET + "x", clock.instant(), "nonce-wrong-secret"), "gateway-bad-signature");
        Map<String, String> request = signed("AK1");
        assertThatThrownBy(() -> verifier.verify("POST", PATH, "a=2", request, BODY))
                .isInstanceOfSatisfying(GatewayRefusal.class, r -> assertThat(r.type()).isEqualTo("gateway-bad-signature"));
        assertThatThrownBy(() -> verifier.verify("POST", PATH, "a=1", request, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GatewayRefusal.class, r -> assertThat(r.type()).isEqualTo("gateway-bad-signature"));
        Map<String, String> otherHost = new HashMap<>(request);
        otherHost.put("host", "evil:8080");
        assertRefused(otherHost, "gateway-bad-signature");
        // refused signatures do not use up the nonce: the genuine request still goes through
        verify(verifier, request);
        assertRefused(signed("AKUNKNOWN"), "gateway-unknown-key");
    }

    @Test
    void unsigned_and_malformed_requests_are_refused() {
        key("AK1", 100, clock.instant().plus(Duration.ofDays(1)));
        Map<String, String> none = signed("AK1");
        none.remove("authorization");
        assertRefused(none, "gateway-unsigned");
        Map<String, String> basic = signed("AK1");
        basic.put("authorization", "Basic YWxpY2U6c2VjcmV0");
        assertRefused(basic, "gateway-unsigned");
        Map<String, String> noNonce = signed("AK1");
        noNonce.remove("x-consortia-nonce");
        assertRefused(noNonce, "gateway-unsigned");
        assertRefused(signed("AK1", SECRET, clock.instant(), "short"), "gateway-unsigned");
    }

    @Test
    void a_query_with_a_malformed_percent_escape_is_refused_as_a_bad_request_whatever_the_key() {
        key("AK1", 100, clock.instant().plus(Duration.ofDays(1)));
        assertBadRequestsSpendingNothing(List.of("x=%ZZ", "x=1&%", "x=%4", "%G0=1"), "%25");
    }

    /** Spring reads '+' as a space; signed as a plus, "a+b" and "a%2Bb" would share a signature. */
    @Test
    void a_query_with_a_literal_plus_is_refused_as_a_bad_request_and_spends_nothing() {
        key("AK1", 100, clock.instant().plus(Duration.ofDays(1)));
        assertBadRequestsSpendingNothing(List.of("event=a+b", "hash=ab+", "a+b=1"),
                "write a space as %20 and a plus as %2B");
    }

    /** Each query, signed by a known key, is refused 400 bad-request saying {@code why}; no nonce is kept. */
    private void assertBadRequestsSpendingNothing(List<String> queries, String why) {
        for (String query : queries) {
            Map<String, String> request = signed("AK1");
            assertThatThrownBy(() -> verifier.verify("GET", "/gateway/v1/channels/main/blocks", query, request,
                    new byte[0])).as(query).isInstanceOfSatisfying(GatewayRefusal.class, refusal -> {
                        assertThat(refusal.type()).isEqualTo("bad-request");
                        assertThat(refusal.status().value()).isEqualTo(400);
                        assertThat(refusal.getMessage()).contains(why);
                    });
        }
        assertThat(jdbc.sql("select count(*) from gateway_nonces").query(Long.class).single()).isZero();
    }

    /**
     * scripts/consortia-curl (./consortia gw-curl) signs, a stand-in curl on the PATH prints what
     * it was asked to send, and this verifier, on the real clock, checks it: queries whose
     * escapes decode to unreserved characters, a plus written %2B, unsorted and repeated
     * names, a name without '=', UTF-8 and NUL escapes.
     */
    @Test
    void the_curl_script_signs_every_query_as_the_verifier_reads_it(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path bin) throws Exception {
        RequestVerifier now = new RequestVerifier(repository, RequestVerifierTest::open, Clock.systemUTC(),
                System::nanoTime);
        key("AK1", 1000, Instant.now().plus(Duration.ofDays(1)));
        java.nio.file.Path curl = bin.resolve("curl");
        java.nio.file.Files.writeString(curl, "#!/usr/bin/env bash\nprintf '%s\\0' \"$@\"\n");
        assertThat(curl.toFile().setExecutable(true)).isTrue();
        String path = "/gateway/v1/channels/main/blocks";
        for (String query : List.of("hash=%37443fa0", "event=a%2Eb", "event=a%2bb&event=a%20b",
                "b=2&a=%7e&a=1&&c&Z=%41", "%C3%A9=%E4%B8%AD&x=%00%2f", "")) {
            String url = "http://platform.example:8080" + path + (query.isEmpty() ? "" : "?" + query);
            ScriptRun run = curlScript(bin, url);
            assertThat(run.exit()).as(query + ": " + run.output()).isZero();
            List<String> args = List.of(run.output().split("\0"));
            assertThat(args.get(args.size() - 1)).isEqualTo(url);
            Map<String, String> headers = headersSent(args);
            try {
                assertThat(now.verify("GET", path, query, headers, new byte[0]).accessKeyId()).isEqualTo("AK1");
            } catch (GatewayRefusal refusal) {
                throw new AssertionError("?" + query + ": " + refusal.type(), refusal);
            }
        }
        // a query the gateway cannot read (400) or would read as U+FFFD is refused, nothing sent
        for (String query : List.of("x=%ZZ", "x=%4", "x=%C3", "x=%ED%A0%80", "x=a b", "x=a+b")) {
            ScriptRun run = curlScript(bin, "http://platform.example:8080" + path + "?" + query);
            assertThat(run.exit()).as(query).isEqualTo(2);
            assertThat(run.output()).as(query).startsWith("consortia-curl: ").doesNotContain("-H");
        }
    }

    /**
     * The secret key never reaches a command line, which every local user can read in the process
     * list: a stand-in openssl records the arguments of every call, then runs the real one.
     */
    @Test
    void the_curl_script_never_puts_the_secret_key_on_a_command_line(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path bin) throws Exception {
        RequestVerifier now = new RequestVerifier(repository, RequestVerifierTest::open, Clock.systemUTC(),
                System::nanoTime);
        key("AK1", 1000, Instant.now().plus(Duration.ofDays(1)));
        java.nio.file.Path curl = bin.resolve("curl");
        java.nio.file.Files.writeString(curl, "#!/usr/bin/env bash\nprintf '%s\\0' \"$@\"\n");
        java.nio.file.Path calls = bin.resolve("openssl-calls");
        java.nio.file.Path openssl = bin.resolve("openssl");
        String real = new String(new ProcessBuilder("bash", "-c", "command -v openssl").start().getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8).strip();
        java.nio.file.Files.writeString(openssl, "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> '" + calls
                + "'\nexec '" + real + "' \"$@\"\n");
        assertThat(curl.toFile().setExecutable(true) && openssl.toFile().setExecutable(true)).isTrue();
        String path = "/gateway/v1/channels/main/blocks";

        ScriptRun run = curlScript(bin, "http://platform.example:8080" + path + "?hash=ab");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(java.nio.file.Files.readString(calls)).as("openssl was called").contains("dgst")
                .doesNotContain(SECRET);
        Map<String, String> headers = headersSent(List.of(run.output().split("\0")));
        assertThat(now.verify("GET", path, "hash=ab", headers, new byte[0]).accessKeyId()).isEqualTo("AK1");
    }

    private record ScriptRun(int exit, String output) {}

    /** The headers the stand-in curl was given (-H "Name: value"), lower-case names, and the Host it would send. */
    private static Map<String, String> headersSent(List<String> args) {
        Map<String, String> headers = new HashMap<>();
        headers.put("host", "platform.example:8080");
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals("-H")) {
                String header = args.get(i + 1);
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).toLowerCase(java.util.Locale.ROOT),
                        header.substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static ScriptRun curlScript(java.nio.file.Path bin, String url) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "../scripts/consortia-curl", url).redirectErrorStream(true);
        builder.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        builder.environment().put("CONSORTIA_AK", "AK1");
        builder.environment().put("CONSORTIA_SK", SECRET);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new ScriptRun(process.exitValue(), output);
    }

    @Test
    void revoked_and_expired_keys_are_refused() {
        key("AKREVOKED", 100, clock.instant().plus(Duration.ofDays(1)));
        key("AKEXPIRED", 100, clock.instant().plus(Duration.ofMinutes(1)));
        long revoked = repository.key("AKREVOKED").orElseThrow().key().id();
        assertThat(repository.revoke(revoked, "alice", clock.millis())).isTrue();
        assertThat(repository.revoke(revoked, "alice", clock.millis())).isFalse();
        assertRefused(signed("AKREVOKED"), "gateway-key-revoked");
        verify(verifier, signed("AKEXPIRED"));
        clock.advance(Duration.ofMinutes(1));
        assertRefused(signed("AKEXPIRED"), "gateway-key-expired");
    }

    @Test
    void over_the_rate_a_request_is_refused_with_a_retry_after_and_keeps_its_nonce() {
        key("AK1", 2, clock.instant().plus(Duration.ofDays(1)));
        verify(verifier, signed("AK1"));
        verify(verifier, signed("AK1"));
        Map<String, String> third = signed("AK1");
        assertThatThrownBy(() -> verify(verifier, third)).isInstanceOfSatisfying(GatewayRefusal.class, refusal -> {
            assertThat(refusal.type()).isEqualTo("gateway-rate-limited");
            assertThat(refusal.status().value()).isEqualTo(429);
            assertThat(refusal.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive()
                    .isLessThanOrEqualTo(Duration.ofSeconds(1)));
        });
        assertThat(jdbc.sql("select count(*) from gateway_nonces where nonce = ?")
                .param(third.get("x-consortia-nonce")).query(Long.class).single()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(verify(verifier, third).accessKeyId()).isEqualTo("AK1");
    }

    @Test
    void replays_take_no_rate_limit_token_so_they_cannot_lock_the_application_out() {
        key("AK1", 2, clock.instant().plus(Duration.ofDays(1)));
        Map<String, String> captured = signed("AK1");
        verify(verifier, captured);
        for (int i = 0; i < 50; i++) {
            assertRefused(captured, "gateway-replayed-nonce");
        }
        // the clock has not moved: this is the second of the two tokens a second
        assertThat(verify(verifier, signed("AK1")).accessKeyId()).isEqualTo("AK1");
        assertRefused(signed("AK1"), "gateway-rate-limited");
    }

    @Test
    void scopes_name_channels_contracts_and_functions_with_a_wildcard() {
        AccessKey key = new AccessKey(1, 1, "AK1", List.of("main"), List.of("notarization", "asset"),
                List.of("record", "asset.read"), 10, Long.MAX_VALUE, null, null, "alice", 0, null);
        assertThat(key.allowsChannel("main")).isTrue();
        assertThat(key.allowsChannel("second")).isFalse();
        assertThat(key.allowsContract("token")).isFalse();
        assertThat(key.allowsFunction("notarization", "record")).isTrue();
        assertThat(key.allowsFunction("asset", "read")).isTrue();
        assertThat(key.allowsFunction("asset", "create")).isFalse();
        assertThat(key.allowsFunction("notarization", "read")).isFalse();
        AccessKey any = new AccessKey(1, 1, "AK1", List.of("*"), List.of("*"), List.of("*"), 10, Long.MAX_VALUE,
                null, null, "alice", 0, null);
        assertThat(any.allowsChannel("x") && any.allowsContract("y") && any.allowsFunction("y", "z")).isTrue();
    }
}
