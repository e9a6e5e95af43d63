package io.consortia.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.platform.OneConnectionDatabase;
import io.consortia.sdk.gateway.RequestSigner;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The filter as a servlet container drives it: a header sent twice is refused before the
 * signature is checked, so no copy of it (the first, the last) is what the signature covers
 * while another is what the platform reads.
 */
class GatewayFilterTest {
    private static final String SECRET = "cs_sk_filter-test-secret";
    private static final String PATH = "/gateway/v1/channels/main/transactions";
    private static final byte[] BODY = "{\"contract\":\"kv\",\"function\":\"put\",\"args\":[\"k\",\"v\"]}"
            .getBytes(StandardCharsets.UTF_8);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T18:00:00Z"), ZoneOffset.UTC);
    private JdbcClient jdbc;
    private GatewayFilter filter;
    private int nonces;

    @BeforeEach
    void schema() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        data.setUser("sa");
        Flyway.configure().dataSource(data).load().migrate();
        jdbc = JdbcClient.create(data);
        long org = OneConnectionDatabase.organization(jdbc, "org1");
        long consortium = OneConnectionDatabase.consortium(jdbc, org);
        GatewayRepository repository = new GatewayRepository(jdbc);
        long application = repository.insertApplication(org, consortium, "erp", "", "app:erp", "alice", 0);
        repository.insertKey(application, "AK1", SECRET, List.of("main"), List.of("kv"), List.of("put"), 100,
                clock.instant().plus(Duration.ofDays(1)).toEpochMilli(), "alice", 0);
        RequestVerifier verifier = new RequestVerifier(repository,
                (sealed, context) -> sealed.getBytes(StandardCharsets.UTF_8), clock, System::nanoTime);
        filter = new GatewayFilter(verifier, repository);
    }

    /** A correctly signed request, its headers by their wire names. */
    private MockHttpServletRequest signed() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "platform:8080");
        headers.put("content-type", "application/json");
        headers.put("x-consortia-date", RequestSigner.date(clock.instant()));
        headers.put("x-consortia-nonce", "nonce-" + (1_000_000_000L + nonces++));
        List<String> names = List.of("content-type", "host", "x-consortia-date", "x-consortia-nonce");
        String signature = RequestSigner.sign(SECRET, new RequestSigner.SignedRequest("POST", PATH, null, headers,
                names, BODY));
        headers.put("authorization", RequestSigner.authorization("AK1", names, signature));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", PATH);
        headers.forEach(request::addHeader);
        request.setContent(BODY);
        return request;
    }

    private record Answer(MockHttpServletResponse response, boolean passedOn) {}

    /**
     * The request with one more line of a header it has, as a servlet container hands it on (the
     * mock request would replace a Content-Type rather than add a second one).
     */
    private static HttpServletRequest withSecond(MockHttpServletRequest request, String name, String value) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public Enumeration<String> getHeaders(String header) {
                List<String> values = new ArrayList<>(Collections.list(super.getHeaders(header)));
                if (header.equalsIgnoreCase(name)) {
                    values.add(value);
                }
                return Collections.enumeration(values);
            }
        };
    }

    private Answer send(HttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean passedOn = new AtomicBoolean();
        filter.doFilter(request, response, (req, res) -> passedOn.set(true));
        return new Answer(response, passedOn.get());
    }

    @Test
    void a_correctly_signed_request_is_passed_on() throws Exception {
        assertThat(send(signed()).passedOn()).isTrue();
    }

    @Test
    void a_signed_or_authentication_header_sent_twice_is_refused_with_400_naming_it_and_nothing_is_spent()
            throws Exception {
        Map<String, String> seconds = new LinkedHashMap<>();
        seconds.put("X-Consortia-Nonce", "nonce-other-0000000001");
        seconds.put("X-Consortia-Date", RequestSigner.date(clock.instant().plusSeconds(1)));
        seconds.put("Content-Type", "text/plain");
        seconds.put("Authorization", "CONSORTIA-HMAC-SHA256 Credential=AK1, SignedHeaders=host, Signature=00");
        seconds.put("Host", "elsewhere:8080");
        for (Map.Entry<String, String> second : seconds.entrySet()) {
            HttpServletRequest request = withSecond(signed(), second.getKey(), second.getValue());

            Answer answer = send(request);

            assertThat(answer.passedOn()).as(second.getKey()).isFalse();
            assertThat(answer.response().getStatus()).as(second.getKey()).isEqualTo(400);
            assertThat(answer.response().getContentType()).isEqualTo("application/problem+json");
            String problem = answer.response().getContentAsString();
            assertThat(problem).contains("urn:consortia:problem:bad-request")
                    .contains(second.getKey().toLowerCase(java.util.Locale.ROOT)).doesNotContain(SECRET);
        }
        // refused before the signature was checked: no nonce was claimed, the key not marked used
        assertThat(jdbc.sql("select count(*) from gateway_nonces").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from gateway_access_keys where last_used_at is not null").query(Long.class)
                .single()).isZero();
    }

    @Test
    void a_bad_signature_is_answered_with_the_canonical_request_and_string_to_sign_the_platform_computed()
            throws Exception {
        // signed without a query, sent with a=2: the developer must be able to see which line differs
        MockHttpServletRequest request = signed();
        request.setQueryString("a=2");

        Answer answer = send(request);

        assertThat(answer.passedOn()).isFalse();
        assertThat(answer.response().getStatus()).isEqualTo(401);
        com.fasterxml.jackson.databind.JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(answer.response().getContentAsString());
        assertThat(problem.path("type").asText()).isEqualTo("urn:consortia:problem:gateway-bad-signature");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("content-type", "host", "x-consortia-date", "x-consortia-nonce")) {
            headers.put(name, request.getHeader(name));
        }
        String canonical = RequestSigner.canonicalRequest(new RequestSigner.SignedRequest("POST", PATH, "a=2",
                headers, List.of("content-type", "host", "x-consortia-date", "x-consortia-nonce"), BODY));
        assertThat(canonical).contains("\na=2\n");
        assertThat(problem.path("canonicalRequest").asText()).isEqualTo(canonical);
        assertThat(problem.path("stringToSign").asText()).isEqualTo(RequestSigner.stringToSign(
                headers.get("x-consortia-date"), headers.get("x-consortia-nonce"), canonical));
        assertThat(problem.path("detail").asText()).contains("canonicalRequest").contains("stringToSign");
        assertThat(answer.response().getContentAsString()).doesNotContain(SECRET);
    }
}
