package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fuzzes the REST API (fixed seed, a few seconds): every operation the OpenAPI document lists,
 * with path parameters, query strings and bodies mutated (malformed JSON, wrong types, huge
 * strings, deep nesting, control characters, odd encodings and path segments), signed in as
 * different roles or not at all. No answer may be a 5xx, every error must be a problem+json
 * whose status matches the response, no refused request may change anything, and no mutated
 * write may be accepted. Requests go over a raw socket so that nothing is normalised on the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestFuzzIT {
    private static final long SEED = 20261616L;
    private static final int REQUESTS = 600;
    /** Operations whose success would end the run's sessions or touch the sign-in throttle. */
    private static final List<String> SKIPPED = List.of("POST /api/v1/auth/logout");
    private PlatformRunner platform;
    private Api admin;
    private Api orgAdmin;
    private long organization;
    private long consortium;
    private final List<String> tokens = new ArrayList<>();

    @BeforeAll
    void setUp() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        admin = platform.admin();
        organization = Fixtures.organization(admin, "fuzz-org");
        orgAdmin = Fixtures.member(admin, organization, "fuzz-admin", "ADMIN");
        Fixtures.member(orgAdmin, organization, "fuzz-member", "MEMBER");
        consortium = Fixtures.consortium(orgAdmin, "Fuzz Alliance");
        tokens.add(admin.token().orElseThrow());
        tokens.add(orgAdmin.token().orElseThrow());
        tokens.add(admin.login("fuzz-member", Fixtures.password("fuzz-member")).token().orElseThrow());
        tokens.add(null); // anonymous
        tokens.add("cst_forged-token");
    }

    @AfterAll
    void tearDown() {
        if (platform != null) {
            platform.close();
        }
    }

    private record Operation(String method, String path, boolean hasBody) {}

    @Test
    void fuzzed_requests_never_break_the_platform_and_change_nothing() throws IOException {
        List<Operation> operations = operations();
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(40);
        String before = state();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Operation operation = operations.get(random.nextInt(operations.size()));
            String target = path(operation.path(), random) + query(random);
            String token = tokens.get(random.nextInt(tokens.size()));
            Map<String, String> headers = new LinkedHashMap<>();
            if (token != null) {
                headers.put("Authorization", "Bearer " + token);
            }
            byte[] body = null;
            // writes always carry a mutated body, so none is a valid request by accident (an empty
            // body would be a valid deploy); reads get one now and then
            if (!"GET".equals(operation.method()) || random.nextInt(4) == 0) {
                body = body(random).getBytes(StandardCharsets.UTF_8);
                headers.put("Content-Type", random.nextInt(8) == 0 ? "text/plain" : "application/json");
            }
            RawHttp.Response response = RawHttp.send(platform.port(), operation.method(), target, headers, body);
            statuses.merge(response.status(), 1, Integer::sum);
            String request = operation.method() + " " + abbreviate(target) + (body == null ? "" : " " + abbreviate(
                    new String(body, StandardCharsets.UTF_8)));
            check(request, operation, response, failures);
        }
        assertThat(failures).as("fuzzed requests answered wrongly (statuses seen: " + statuses + ")").isEmpty();
        assertThat(state()).as("refused requests changed nothing").isEqualTo(before);
        assertThat(platform.api().get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
    }

    private static void check(String request, Operation operation, RawHttp.Response response, List<String> failures) {
        int status = response.status();
        if (status >= 500) {
            failures.add(request + " -> " + response);
            return;
        }
        if (!"GET".equals(operation.method()) && status < 400) {
            failures.add("accepted a mutated write: " + request + " -> " + response);
            return;
        }
        if (status >= 400) {
            if (!response.contentType().startsWith("application/problem+json")) {
                failures.add("not a problem: " + request + " -> " + response);
                return;
            }
            try {
                JsonNode problem = Api.JSON.readTree(response.body());
                if (problem.path("status").asInt() != status
                        || !problem.path("type").asText().startsWith("urn:consortia:problem:")
                        || problem.path("detail").asText().isBlank()) {
                    failures.add("incomplete problem: " + request + " -> " + response);
                }
            } catch (IOException e) {
                failures.add("problem is not JSON: " + request + " -> " + response);
            }
        }
    }

    /** Every operation of the API, from the platform's own OpenAPI document. */
    private List<Operation> operations() {
        JsonNode docs = platform.api().get("/v3/api-docs").json();
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = docs.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                String verb = method.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!SKIPPED.contains(verb + " " + path.getKey())) {
                    operations.add(new Operation(verb, path.getKey(), method.getValue().has("requestBody")));
                }
            }
        }
        return operations;
    }

    private static final String[] ODD_SEGMENTS = {"%00", "%2F", "%2e%2e", "..", ".", "%ZZ", "%", "%C0%AF", "%FF%FE",
            "-1", "0", "99999999999999999999", "1.5", "1e3", "NaN", "%20", "a%0d%0aX-Injected:%201", "%E4%B8%AD",
            "x".repeat(3000), "%252F", ";jsessionid=x", "%3Cscript%3E", "null", "true", "[]", "%7B%7D"};

    /** The template with each {parameter} replaced: a real id now and then (so deeper checks run), else odd input. */
    private String path(String template, Random random) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                out.append(template.substring(at));
                break;
            }
            int close = template.indexOf('}', open);
            out.append(template, at, open);
            String name = template.substring(open + 1, close);
            out.append(parameter(name, random));
            at = close + 1;
        }
        String path = out.toString();
        if (random.nextInt(10) == 0) { // a stray segment somewhere
            int slash = path.lastIndexOf('/');
            path = path.substring(0, slash) + "/" + ODD_SEGMENTS[random.nextInt(ODD_SEGMENTS.length)] + path.substring(slash);
        }
        return path;
    }

    private String parameter(String name, Random random) {
        if (random.nextInt(3) == 0) {
            return switch (name) {
                case "id" -> Long.toString(consortium);
                case "organizationId", "orgId" -> Long.toString(organization);
                case "channel", "name" -> "main";
                default -> "1";
            };
        }
        return ODD_SEGMENTS[random.nextInt(ODD_SEGMENTS.length)];
    }

    private static String query(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "?q=" + "%41".repeat(2000);
            case 1 -> "?confirm=%00&confirm=%FF";
            case 2 -> "?lines=-5&account=%2F%2F&q=%ZZ";
            case 3 -> "?lines=999999999999999999999&search=" + "x".repeat(500);
            case 4 -> "?=&&&=x";
            default -> "";
        };
    }

    // no empty body: it is a valid deploy (the body is optional there), which would be accepted by accident
    private static final String[] BODIES = {"{", "}", "[", "{\"name\":", "{\"name\": \"unterminated", "null", "true",
            "1", "\"just a string\"", "[1,2,3]", "{\"name\": null}", "{\"name\": 12}", "{\"name\": [\"x\"]}",
            "{\"name\": {\"nested\": true}}", "{\"amount\": 1.5}", "{\"amount\": \"12\"}", "{\"value\": -1e309}",
            "{\"organizationId\": \"1\"}", "{\"organizationId\": 1.0}", "{\"organizationIds\": \"all\"}",
            "{\"approve\": \"yes\"}", "{\"passphrase\": 123456789012}", "{\"username\": \"\\u0000\\u0000\"}",
            "{\"documentHash\": \"zz\"}", "{\"signatureScheme\": \"RSA\", \"name\": \"x\"}", "{\"unknownField\": 1}",
            "{\"name\": \"" + "\\u0000".repeat(50) + "\"}", "{\"toAccount\": \"../../etc/passwd\", \"amount\": 1e2}",
            "\u0000\u0001\u0002", "<xml/>", "{\"a\":1,\"a\":2}", "{\"name\": \"\\ud800\"}"};

    private static String body(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> "[".repeat(5000) + "]".repeat(5000); // deep nesting
            case 1 -> "{\"name\": \"" + "x".repeat(100_000) + "\"}"; // huge string within the size limit
            case 2 -> "{\"name\": " + "9".repeat(5000) + "}"; // huge number
            case 3 -> "{" + "\"k\": 1,".repeat(2000) + "\"end\": 1}";
            default -> BODIES[random.nextInt(BODIES.length)];
        };
    }

    private String state() {
        return admin.get("/api/v1/organizations").body() + admin.get("/api/v1/users").body()
                + admin.get("/api/v1/consortia").body() + admin.get("/api/v1/consortia/" + consortium + "/invitations").body()
                + admin.get("/api/v1/consortia/" + consortium + "/deployments").body()
                + admin.get("/api/v1/consortia/" + consortium + "/channels").body()
                + admin.get("/api/v1/consortia/" + consortium + "/history").body();
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 160 ? text.substring(0, 160) + "...(" + text.length() + ")" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
