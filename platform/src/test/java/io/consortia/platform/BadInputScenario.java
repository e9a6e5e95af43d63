package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input gets a clear RFC 9457 problem (type, title, status, detail naming the field or
 * rule) and creates nothing: invalid names, duplicates, unknown ids, malformed JSON, oversized
 * bodies, unknown fields, wrong media types.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BadInputScenario {
    private PlatformRunner platform;
    private Api admin;
    private Api orgAdmin;
    private long organization;
    private long consortium;

    abstract TestDatabase database();

    @BeforeAll
    void setUp() {
        platform = new PlatformRunner(database()).start();
        admin = platform.admin();
        organization = Fixtures.organization(admin, "acme");
        orgAdmin = Fixtures.member(admin, organization, "acme-admin", "ADMIN");
        consortium = Fixtures.consortium(orgAdmin, "Trade Finance 联盟");
    }

    @AfterAll
    void tearDown() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void invalid_names_are_refused_with_the_field_and_rule() {
        String before = state();
        Api.Response org = admin.post("/api/v1/organizations", Json.of("name", "Not Valid!"));
        assertProblem(org, 400, "invalid-input");
        assertThat(org.json().get("errors").get(0).get("field").asText()).isEqualTo("name");

        assertProblem(orgAdmin.post("/api/v1/consortia", Json.of("name", " x", "signatureScheme", "SM2")), 400,
                "invalid-input");
        assertProblem(orgAdmin.post("/api/v1/consortia", Json.of("name", "a".repeat(101), "signatureScheme", "SM2")),
                400, "invalid-input");
        assertProblem(orgAdmin.post("/api/v1/consortia", Json.of("name", "Good Name")), 400, "invalid-input");
        assertProblem(orgAdmin.post("/api/v1/consortia", Json.of("name", "Good Name", "signatureScheme", "RSA")), 400,
                "invalid-input");
        assertProblem(orgAdmin.post("/api/v1/consortia", Json.of("name", "Good Name", "signatureScheme", "SM2",
                "nodesPerOrganization", 0)), 400, "invalid-input");
        assertProblem(orgAdmin.post("/api/v1/organizations/" + organization + "/members", Json.of("username", "a",
                "password", "short", "role", "MEMBER")), 400, "invalid-input");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_duplicate_consortium_name_is_a_conflict_whatever_its_case() {
        String before = state();
        Api.Response duplicate = orgAdmin.post("/api/v1/consortia",
                Json.of("name", "trade finance 联盟", "signatureScheme", "ECDSA_P256"));
        assertProblem(duplicate, 409, "conflict");
        assertThat(duplicate.json().get("detail").asText()).contains("already exists");
        assertProblem(admin.post("/api/v1/organizations", Json.of("name", "acme")), 409, "conflict");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void unknown_ids_are_not_found() {
        String before = state();
        assertProblem(orgAdmin.get("/api/v1/consortia/999999"), 404, "not-found");
        assertProblem(admin.get("/api/v1/organizations/999999"), 404, "not-found");
        assertProblem(orgAdmin.get("/api/v1/deployments/999999"), 404, "not-found");
        assertProblem(orgAdmin.post("/api/v1/invitations/999999/accept", ""), 404, "not-found");
        assertProblem(orgAdmin.post("/api/v1/consortia/" + consortium + "/invitations",
                Json.of("organizationId", 999999)), 404, "not-found");
        assertProblem(orgAdmin.get("/api/v1/consortia/" + consortium + "/channels/nope"), 404, "not-found");
        assertProblem(orgAdmin.get("/api/v1/nodes/no-such-node/logs"), 404, "not-found");
        assertProblem(orgAdmin.get("/api/v1/consortia/not-a-number"), 400, "invalid-input");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void malformed_json_unknown_fields_and_wrong_media_types_are_refused() {
        String before = state();
        assertProblem(orgAdmin.postRaw("/api/v1/consortia", "application/json", "{\"name\": \"Broken"), 400,
                "malformed-json");
        assertProblem(orgAdmin.postRaw("/api/v1/consortia", "application/json", "[1, 2, 3]"), 400, "malformed-json");
        Api.Response extra = orgAdmin.post("/api/v1/consortia", Json.of("name", "Extra Field", "signatureScheme", "SM2",
                "color", "blue"));
        assertProblem(extra, 400, "invalid-input");
        assertThat(extra.json().get("errors").get(0).get("field").asText()).isEqualTo("color");
        assertThat(extra.json().get("errors").get(0).get("message").asText())
                .startsWith("is not a field of this request (its fields: ").contains("signatureScheme");
        assertProblem(orgAdmin.postRaw("/api/v1/consortia", "text/plain", "name=x"), 415, "http-415");
        // what is wrong, in the API's terms: never a Java type or a controller's method signature
        Api.Response missing = admin.postRaw("/api/v1/organizations", "application/json", "null");
        assertProblem(missing, 400, "malformed-json");
        assertThat(missing.json().get("detail").asText()).endsWith("the request body is missing")
                .doesNotContain("io.consortia");
        Api.Response role = admin.post("/api/v1/users", Json.of("username", "user1", "password",
                "Correct-Horse-Battery-9", "platformRole", "ROOT"));
        // a value of the wrong kind is a field's problem, in the shape bean validation's are
        assertProblem(role, 400, "invalid-input");
        assertThat(role.json().get("errors").get(0).get("field").asText()).isEqualTo("platformRole");
        assertThat(role.json().get("detail").asText())
                .isEqualTo("Invalid request: platformRole must be one of ADMIN, AUDITOR, not \"ROOT\"")
                .doesNotContain("io.consortia");
        Api.Response number = admin.post("/api/v1/organizations", Json.of("name", 123));
        assertProblem(number, 400, "invalid-input");
        assertThat(number.json().get("detail").asText()).isEqualTo("Invalid request: name must be text, not 123");
        Api.Response nullMember = orgAdmin.post("/api/v1/consortia/" + consortium + "/channels",
                Json.of("name", "ch9", "organizationIds", java.util.Arrays.asList(organization, null)));
        assertProblem(nullMember, 400, "invalid-input");
        assertThat(nullMember.json().get("errors").get(0).get("field").asText()).isEqualTo("organizationIds[1]");
        // an explicitly empty list is no choice of "every member" (only a list left out is): the console's
        // organisations all unticked created a channel with all of them (found by a tester)
        Api.Response none = orgAdmin.post("/api/v1/consortia/" + consortium + "/channels",
                Json.of("name", "ch10", "organizationIds", List.of()));
        assertProblem(none, 400, "invalid-input");
        assertThat(none.json().get("errors").get(0).get("field").asText()).isEqualTo("organizationIds");
        assertThat(none.json().get("detail").asText()).contains("leave the field out for every member");
        // PostgreSQL cannot store U+0000 (409 'reload and try again'; H2 stored it); escapes disguise a name
        Api.Response nul = admin.post("/api/v1/organizations", Json.of("name", "nul-org", "displayName", "Ac\u0000me"));
        assertProblem(nul, 400, "invalid-input");
        assertThat(nul.json().get("detail").asText()).endsWith("displayName must not contain control characters "
                + "(U+0000 at position 3); tab, line feed and carriage return are allowed");
        Api.Response escape = admin.post("/api/v1/organizations", Json.of("name", "esc-org",
                "displayName", "\u001b[2JAcme"));
        assertProblem(escape, 400, "invalid-input");
        assertThat(escape.json().get("detail").asText()).contains("displayName must not contain control characters "
                + "(U+001B at position 1)");
        assertThat(state()).isEqualTo(before);
        Api.Response lines = admin.post("/api/v1/organizations", Json.of("name", "lines-org",
                "displayName", "Acme\tLtd\r\nBranch"));
        assertThat(lines.status()).as(lines.toString()).isEqualTo(201);
        assertThat(lines.json().get("displayName").asText()).isEqualTo("Acme\tLtd\r\nBranch");
    }

    @Test
    void an_oversized_body_is_refused_whether_its_length_is_announced_or_not() {
        String before = state();
        String huge = "{\"name\": \"" + "x".repeat(300_000) + "\", \"signatureScheme\": \"SM2\"}";
        assertProblem(orgAdmin.postRaw("/api/v1/consortia", "application/json", huge), 413, "payload-too-large");
        assertProblem(orgAdmin.postChunked("/api/v1/consortia", huge), 413, "payload-too-large");
        assertThat(state()).isEqualTo(before);
    }

    /**
     * An endpoint that reads no body is refused an oversized one all the same, and the refusal is in the
     * audit trail: a chunked body was counted only while a controller read it, so stopping a network
     * ran whatever the body carried, and the size filter answered outside the audit filter.
     */
    @Test
    void an_oversized_body_is_refused_and_recorded_where_the_endpoint_reads_none() {
        String before = state();
        String huge = "{\"note\": \"" + "x".repeat(300_000) + "\"}";
        String stop = "/api/v1/consortia/" + consortium + "/network/stop";
        assertProblem(orgAdmin.postChunked(stop, huge), 413, "payload-too-large");
        assertProblem(orgAdmin.postRaw(stop, "application/json", huge), 413, "payload-too-large");
        assertThat(state()).isEqualTo(before);
        JsonNode refused = admin.get("/api/v1/audit/records?status=413&action=POST+/api/v1/consortia/%7Bid%7D/network/stop")
                .json();
        assertThat(refused.size()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.get(0).get("target").asText()).isEqualTo("id=" + consortium);
        // a small chunked body still reaches its controller, read in full: here its check of the name
        Api.Response small = orgAdmin.postChunked("/api/v1/consortia",
                "{\"name\": \" x\", \"signatureScheme\": \"SM2\"}");
        assertProblem(small, 400, "invalid-input");
        assertThat(small.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void network_actions_on_a_network_that_is_not_there_are_conflicts() {
        String before = state();
        assertProblem(orgAdmin.post("/api/v1/consortia/" + consortium + "/network/stop", ""), 409, "conflict");
        assertProblem(orgAdmin.post("/api/v1/consortia/" + consortium + "/channels", Json.of("name", "early")), 409,
                "conflict");
        // a bad channel name is named as a field, with the rule the other refusals state (a 300-character name
        // was told "size must be between 0 and 30", a name with a space had no errors member)
        for (String name : List.of("x".repeat(300), "Bad Name")) {
            Api.Response bad = orgAdmin.post("/api/v1/consortia/" + consortium + "/channels", Json.of("name", name));
            assertProblem(bad, 400, "invalid-input");
            assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
            assertThat(bad.json().get("errors").get(0).get("message").asText()).contains("1-30 of a-z");
        }
        assertProblem(orgAdmin.delete("/api/v1/consortia/" + consortium + "/network?confirm=wrong"), 400,
                "invalid-input");
        assertProblem(orgAdmin.delete("/api/v1/consortia/" + consortium + "/network?confirm="
                + java.net.URLEncoder.encode("Trade Finance 联盟", java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20")), 409,
                "conflict");
        assertProblem(orgAdmin.post("/api/v1/consortia/" + consortium + "/network/deploy",
                Json.of("channel", "Bad Channel")), 400, "invalid-input");
        assertProblem(orgAdmin.post("/api/v1/consortia/" + consortium + "/channels/main/notarizations",
                Json.of("documentHash", "not-hex")), 400, "invalid-input");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_piece_of_a_hash_in_the_search_box_is_refused_saying_that_hashes_are_searched_whole() {
        // it was told "must be ... a hash / transaction id (hex)", which it is
        String search = "/api/v1/consortia/" + consortium + "/search?q=";
        for (String piece : List.of("27c17704", "27C17704ffffffffffff")) {
            Api.Response refused = orgAdmin.get(search + piece);
            assertProblem(refused, 400, "invalid-input");
            assertThat(refused.json().get("detail").asText()).isEqualTo("q is " + piece.length() + " hex characters: "
                    + "a block hash or transaction id is 64 hex characters, and prefixes are not searched");
        }
        Api.Response other = orgAdmin.get(search + "0x27c17704");
        assertProblem(other, 400, "invalid-input");
        assertThat(other.json().get("detail").asText()).isEqualTo("q must be a block number (digits), or a block "
                + "hash or transaction id (64 hex characters)");
        assertThat(orgAdmin.get(search + "27C17704".repeat(8)).status()).isEqualTo(200);
        assertThat(orgAdmin.get(search + "7").status()).isEqualTo(200);

        String page = "/console/consortia/" + consortium + "/explorer/search?q=27c17704&lang=";
        assertThat(orgAdmin.get(page + "zh-CN").body()).contains("输入的是 8 个十六进制字符：区块哈希和交易 ID 都是 64 "
                + "个十六进制字符，不支持按前缀搜索");
        assertThat(orgAdmin.get(page + "en").body()).contains("That is 8 hex characters: a block hash or transaction "
                + "ID is 64 hex characters, and prefixes are not searched.");
    }

    @Test
    void the_api_is_described_by_openapi() {
        Api.Response docs = platform.api().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(List.of("/api/v1/consortia", "/api/v1/consortia/{id}/network/deploy",
                "/api/v1/consortia/{id}/search", "/api/v1/consortia/{id}/channels/{channel}/notarizations",
                "/api/v1/consortia/{id}/channels/{channel}/transactions/{transactionId}/receipt"))
                .allSatisfy(path -> assertThat(paths.has(path)).as(path).isTrue());
        // the explorer's fields say what they are: which clock, which hash, which hex case
        JsonNode block = docs.json().get("components").get("schemas").get("BlockSummary").get("properties");
        assertThat(block.get("blockTimestampMillis").get("description").asText()).contains("Block time");
        assertThat(block.get("receiptsRoot").get("description").asText()).contains("lower-case hex");
        JsonNode transaction = docs.json().get("components").get("schemas").get("TransactionDetail").get("properties");
        assertThat(transaction.get("createdAtMillis").get("description").asText()).contains("Creator's time");
        everyOperationDocumentsItsAnswers(docs.json());
        assertThat(platform.api().get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
        assertThat(platform.api().get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes",
                "consortia_platform_nodes{", "consortia_platform_indexed_blocks");
        // its labels name every consortium and organisation: only this host (or a scraper with the token) reads them;
        // a request a proxy on this host forwarded is not this host's
        Api.Response forwarded = platform.api().get("/actuator/prometheus", "X-Forwarded-For", "203.0.113.7");
        assertProblem(forwarded, 401, "unauthenticated");
        assertThat(forwarded.json().get("detail").asText()).contains("consortia.metrics.scrape-token");
        assertThat(forwarded.body()).doesNotContain("consortia_platform");
    }

    /**
     * A client generated from the document knows every answer: each operation its success (the status its
     * handler's @ResponseStatus sets) and, as RFC 9457 problems, the errors it can give.
     */
    private void everyOperationDocumentsItsAnswers(JsonNode docs) {
        JsonNode problem = docs.get("components").get("schemas").get("Problem");
        assertThat(problem).as("the Problem schema").isNotNull();
        assertThat(problem.get("properties").has("type") && problem.get("properties").has("title")
                && problem.get("properties").has("status") && problem.get("properties").has("detail")
                && problem.get("properties").has("instance")).as(problem.toString()).isTrue();
        JsonNode fieldError = problem.get("properties").get("errors").get("items").get("properties");
        assertThat(fieldError.has("field") && fieldError.has("message")).as(problem.toString()).isTrue();

        JsonNode paths = docs.get("paths");
        int operations = 0;
        for (String path : (Iterable<String>) paths::fieldNames) {
            for (String method : (Iterable<String>) paths.get(path)::fieldNames) {
                JsonNode operation = paths.get(path).get(method);
                JsonNode responses = operation.get("responses");
                String name = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
                operations++;
                assertThat(responses.fieldNames()).toIterable().as(name + " answers " + responses)
                        .anyMatch(status -> status.startsWith("2"));
                JsonNode security = operation.has("security") ? operation.get("security") : docs.get("security");
                if (!security.isEmpty()) {
                    for (String status : List.of("401", "403")) {
                        assertThat(responses.has(status)).as(name + " documents " + status).isTrue();
                        assertThat(responses.get(status).get("content").get("application/problem+json")
                                .get("schema").get("$ref").asText()).as(name + " " + status)
                                .isEqualTo("#/components/schemas/Problem");
                    }
                }
                responses.fieldNames().forEachRemaining(status -> {
                    if (status.startsWith("4")) {
                        assertThat(responses.get(status).get("content").fieldNames()).toIterable()
                                .as(name + " " + status).containsExactly("application/problem+json");
                    }
                });
            }
        }
        assertThat(operations).isGreaterThan(100);

        // every status a handler declares with @ResponseStatus (201 for creations, 202, 204) is the one documented
        var mappings = platform.bean("requestMappingHandlerMapping",
                org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping.class);
        int declared = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            var status = entry.getValue()
                    .getMethodAnnotation(org.springframework.web.bind.annotation.ResponseStatus.class);
            if (status == null || entry.getKey().getPathPatternsCondition() == null) {
                continue;
            }
            for (String path : entry.getKey().getPathPatternsCondition().getPatternValues()) {
                for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                    JsonNode operation = paths.path(path).path(method.name().toLowerCase(java.util.Locale.ROOT));
                    if (operation.isMissingNode()) {
                        continue; // a console endpoint, not in the API's document
                    }
                    declared++;
                    assertThat(operation.get("responses").has(String.valueOf(status.code().value())))
                            .as(method + " " + path + " answers " + status.code()).isTrue();
                }
            }
        }
        assertThat(declared).as("operations with @ResponseStatus").isGreaterThan(30);

        // spot checks: sign-in needs no caller, a creation, a deletion, an asynchronous action, a read by id
        JsonNode login = paths.get("/api/v1/auth/login").get("post");
        assertThat(login.get("security")).isEmpty();
        assertThat(login.get("responses").has("429") && login.get("responses").has("401")).isTrue();
        assertThat(login.get("responses").has("403")).isFalse();
        assertThat(login.path("parameters")).as("no CsrfToken parameter").isEmpty();
        JsonNode create = paths.get("/api/v1/consortia").get("post").get("responses");
        assertThat(create.fieldNames()).toIterable().contains("201", "400", "401", "403", "409").doesNotContain("200");
        assertThat(create.get("201").get("content").get("application/json").get("schema").get("$ref").asText())
                .endsWith("/Consortium");
        JsonNode delete = paths.get("/api/v1/consortia/{id}").get("delete").get("responses");
        assertThat(delete.fieldNames()).toIterable().contains("204", "404").doesNotContain("200");
        JsonNode deploy = paths.get("/api/v1/consortia/{id}/network/deploy").get("post").get("responses");
        assertThat(deploy.fieldNames()).toIterable().contains("202", "404").doesNotContain("200");
        assertThat(deploy.get("202").get("content").get("application/json").get("schema").get("$ref").asText())
                .endsWith("/Deployment");
        assertThat(paths.get("/api/v1/platform/backups").get("post").get("responses").has("201")).isTrue();
        assertThat(paths.get("/api/v1/auth/logout").get("post").get("responses").has("204")).isTrue();
        JsonNode asset = paths.get("/api/v1/consortia/{id}/channels/{channel}/assets/{assetId}").get("get")
                .get("responses");
        assertThat(asset.fieldNames()).toIterable().contains("200", "404");
        assertThat(asset.get("404").get("description").asText()).contains("No asset");
        JsonNode receipt = paths.get("/api/v1/consortia/{id}/channels/{channel}/transactions/{transactionId}/receipt")
                .get("get").get("responses").get("200").get("content").get("application/json").get("schema");
        assertThat(receipt.get("type").asText()).as("a JSON document, not a string").isEqualTo("object");

        // the gateway's signed API: its own scheme (the Authorization header) and the headers it signs
        JsonNode scheme = docs.get("components").get("securitySchemes").get("gateway-signature");
        assertThat(scheme.get("type").asText()).isEqualTo("apiKey");
        assertThat(scheme.get("in").asText() + " " + scheme.get("name").asText()).isEqualTo("header Authorization");
        assertThat(scheme.get("description").asText()).contains("CONSORTIA-HMAC-SHA256", "docs/gateway-signing.md");
        JsonNode notarize = paths.get("/gateway/v1/channels/{channel}/notarizations").get("post");
        assertThat(notarize.get("security").toString()).isEqualTo("[{\"gateway-signature\":[]}]");
        assertThat(notarize.get("parameters").toString()).contains("#/components/parameters/X-Consortia-Date",
                "#/components/parameters/X-Consortia-Nonce");
        assertThat(notarize.get("responses").fieldNames()).toIterable()
                .contains("201", "202", "400", "401", "403", "409", "429");
        assertThat(notarize.get("responses").get("401").get("description").asText()).contains("signature");
        assertThat(docs.get("components").get("parameters").get("X-Consortia-Nonce").get("in").asText())
                .isEqualTo("header");
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).isEqualTo("urn:consortia:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    private String state() {
        return admin.get("/api/v1/organizations").body() + admin.get("/api/v1/users").body()
                + admin.get("/api/v1/consortia").body() + admin.get("/api/v1/consortia/" + consortium + "/invitations").body()
                + admin.get("/api/v1/consortia/" + consortium + "/deployments").body()
                + admin.get("/api/v1/consortia/" + consortium + "/channels").body();
    }
}
