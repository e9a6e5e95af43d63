package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.sdk.gateway.GatewayClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an application developer gets wrong first, against a platform without a network (nothing here reaches a
 * node): a path or method the gateway or the API does not have. Each answer says what is wrong in the problem
 * itself, and the console's own files are served as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayInputIT {
    private PlatformRunner platform;
    private Api admin;
    private GatewayClient client;
    private String subscriptions;
    private Api orgAdmin;
    private long consortium;
    private String applications;

    @BeforeAll
    void setUp() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        admin = platform.admin();
        long organization = Fixtures.organization(admin, "acme");
        orgAdmin = Fixtures.member(admin, organization, "acme-admin", "ADMIN");
        consortium = Fixtures.consortium(orgAdmin, "Gateway Input");
        applications = "/api/v1/organizations/" + organization + "/applications";
        Api.Response registered = orgAdmin.post(applications, Json.of("consortiumId", consortium, "name", "erp"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Api.Response issued = orgAdmin.post(applications + "/" + registered.json().get("id").asLong() + "/keys",
                Json.of("channels", List.of("*"), "contracts", List.of("*"), "functions", List.of("*")));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        subscriptions = applications + "/" + registered.json().get("id").asLong() + "/subscriptions";
        client = GatewayClient.of("http://127.0.0.1:" + platform.port(),
                issued.json().get("key").get("accessKeyId").asText(), issued.json().get("secretKey").asText());
    }

    @AfterAll
    void tearDown() {
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * Registering an application in a consortium the caller may not see answered 400 about the name or
     * description when those were wrong too, and 404 only when they were right: the answer told which
     * consortia exist. It is 404 whatever the other fields say; the consortium's own members still get
     * every wrong field named.
     */
    @Test
    void an_application_in_a_consortium_the_caller_may_not_see_is_404_whatever_the_body_says() {
        long stranger = Fixtures.organization(admin, "stranger");
        Api strangerAdmin = Fixtures.member(admin, stranger, "stranger-admin", "ADMIN");
        String theirs = "/api/v1/organizations/" + stranger + "/applications";
        for (Map<String, ?> body : List.of(Json.of("consortiumId", consortium, "name", "X!", "description",
                "d".repeat(501)), Json.of("consortiumId", consortium), Json.of("consortiumId", 999999, "name", "?"))) {
            Api.Response refused = strangerAdmin.post(theirs, body);
            assertThat(refused.status()).as(body + ": " + refused).isEqualTo(404);
            assertThat(refused.json().get("detail").asText()).startsWith("Consortium ").endsWith(" does not exist");
        }
        assertThat(strangerAdmin.get(theirs).json()).as("nothing registered").isEmpty();

        Api.Response member = orgAdmin.post(applications, Json.of("consortiumId", consortium, "name", "X!",
                "description", "d".repeat(501)));
        assertThat(member.status()).as(member.toString()).isEqualTo(400);
        assertThat(member.json().get("errors").toString()).contains("\"name\"", "\"description\"");
        Api.Response none = orgAdmin.post(applications, Json.of("name", "erp2"));
        assertThat(none.status()).as(none.toString()).isEqualTo(400);
        assertThat(none.json().get("errors").toString()).contains("\"consortiumId\"", "is required");
    }

    @Test
    void an_unknown_path_is_404_naming_the_method_and_path_and_a_wrong_method_405_naming_the_allowed_ones() {
        GatewayClient.Response signed = client.get("/gateway/v1/nope");
        assertThat(signed.status()).as(signed.body()).isEqualTo(404);
        JsonNode gateway = json(signed.body());
        assertThat(gateway.get("type").asText()).isEqualTo("urn:consortia:problem:not-found");
        assertThat(gateway.get("detail").asText()).as(signed.body())
                .isEqualTo("There is no gateway endpoint GET /gateway/v1/nope; docs/gateway-signing.md lists them");
        assertThat(gateway.get("path").asText()).isEqualTo("/gateway/v1/nope");
        // unsigned, the signature is what is wrong first, as on any gateway path
        Api.Response unsigned = platform.api().get("/gateway/v1/nope");
        assertThat(unsigned.status()).as(unsigned.toString()).isEqualTo(401);
        assertThat(unsigned.json().get("type").asText()).isEqualTo("urn:consortia:problem:gateway-unsigned");

        GatewayClient.Response wrongMethod = client.send(client.prepare("DELETE",
                "/gateway/v1/channels/main/notarizations", new byte[0], client.newNonce()));
        assertThat(wrongMethod.status()).as(wrongMethod.body()).isEqualTo(405);
        assertThat(json(wrongMethod.body()).get("detail").asText())
                .isEqualTo("DELETE is not allowed on /gateway/v1/channels/main/notarizations; it takes POST");

        Api.Response api = admin.get("/api/v1/no-such-endpoint");
        assertThat(api.status()).as(api.toString()).isEqualTo(404);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.json().get("detail").asText())
                .isEqualTo("There is no API endpoint GET /api/v1/no-such-endpoint; /swagger-ui lists them");
        String token = admin.token().orElseThrow();
        RawHttp.Response patch = RawHttp.send(platform.port(), "PATCH", "/api/v1/consortia",
                Map.of("Authorization", "Bearer " + token), null);
        assertThat(patch.status()).as(patch.toString()).isEqualTo(405);
        assertThat(patch.headers().get("allow")).contains("GET").contains("POST");
        assertThat(json(patch.body()).get("detail").asText())
                .isEqualTo("PATCH is not allowed on /api/v1/consortia; it takes GET, POST");
    }

    @Test
    void the_console_s_files_are_served_and_an_unknown_one_is_still_404() {
        RawHttp.Response css = RawHttp.get(platform.port(), "/console/assets/console.css");
        assertThat(css.status()).as(css.toString()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        RawHttp.Response missing = RawHttp.get(platform.port(), "/console/assets/nope.css");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(json(missing.body()).get("detail").asText())
                .isEqualTo("There is nothing at GET /console/assets/nope.css");
    }

    /**
     * A body with several fields wrong names all of them in one answer, in the REST API's errors list
     * ({@code field}, {@code message}), rather than the first one found in the detail: the developer fixes the
     * call once, not once per field.
     */
    @Test
    void a_gateway_body_with_several_fields_wrong_names_every_one_in_the_errors_list() {
        String tooManyArgs = "[" + String.join(",", java.util.Collections.nCopies(65, "\"a\"")) + "]";
        GatewayClient.Response batch = client.post("/gateway/v1/channels/main/transactions",
                "{\"transactions\":[{\"contract\":\"bad name!\",\"function\":\"\"},"
                        + "{\"contract\":\"token\",\"function\":\"transfer\",\"args\":" + tooManyArgs + "}]}");
        assertInvalid(batch, Map.of(
                "transactions[0].contract", "must be 1-64 of A-Z, a-z, 0-9, '.', '_', ':', '-'",
                "transactions[0].function", "must be 1-64 of A-Z, a-z, 0-9, '.', '_', ':', '-'",
                "transactions[1].args", "must be at most 64 strings, none null"));

        GatewayClient.Response evaluation = client.post("/gateway/v1/channels/main/evaluate",
                "{\"contract\":\"\",\"function\":\"a b\"}");
        assertInvalid(evaluation, Map.of(
                "contract", "must be 1-64 of A-Z, a-z, 0-9, '.', '_', ':', '-'",
                "function", "must be 1-64 of A-Z, a-z, 0-9, '.', '_', ':', '-'"));

        GatewayClient.Response notarization = client.post("/gateway/v1/channels/main/notarizations",
                "{\"documentHash\":\"not-a-hash\",\"metadata\":\"" + "发票".repeat(750) + "\"}");
        assertInvalid(notarization, Map.of(
                "documentHash", "must be 64 hex characters (SHA-256 or SM3)",
                "metadata", "must be at most 4096 bytes of UTF-8 (a character outside ASCII takes 2 to 4)"));
    }

    /** A subscription's fields are named all at once too, through the gateway and /api/v1 alike, and none is made. */
    @Test
    void a_subscription_with_several_fields_wrong_names_every_one_in_the_errors_list() {
        String body = "{\"kind\":\"NOPE\",\"contract\":\"bad name!\",\"fromBlock\":-1}";
        Map<String, String> errors = Map.of(
                "url", "is required: where the webhooks are POSTed (http or https)",
                "kind", "must be BLOCK, TX_STATUS or CONTRACT_EVENT, not NOPE",
                "contract", "must be 1-64 of A-Z, a-z, 0-9, '.', '_', ':', '-'",
                "channel", "is required",
                "fromBlock", "must not be negative (leave it out to start from now)");
        assertInvalid(client.post("/gateway/v1/subscriptions", body), errors);
        Api.Response api = orgAdmin.postRaw(subscriptions, "application/json", body);
        assertInvalid(new GatewayClient.Response(api.status(), api.body()), errors);
        GatewayClient.Response urlAndEvents = client.post("/gateway/v1/subscriptions",
                "{\"channel\":\"main\",\"kind\":\"BLOCK\",\"contract\":\"token\",\"eventNames\":[\"a b\"],"
                        + "\"url\":\"ftp://erp.example.com/x#y\"}");
        assertInvalid(urlAndEvents, Map.of(
                "url", "must be an absolute http or https URL with a host, e.g. https://erp.example.com/consortia/events",
                "contract", "filters TX_STATUS and CONTRACT_EVENT subscriptions; a BLOCK subscription receives every "
                        + "block",
                "eventNames", "filters CONTRACT_EVENT subscriptions only",
                // no network here: the consortium has no channel main, which is named with the rest
                "channel", "is not a channel of the application's consortium"));
        // a value of the wrong JSON type is found while the body is read, before the fields: named alone
        GatewayClient.Response wrongType = client.post("/gateway/v1/subscriptions",
                "{\"channel\":\"nochan\",\"kind\":\"NOPE\",\"fromBlock\":\"ten\"}");
        assertThat(wrongType.status()).as(wrongType.body()).isEqualTo(400);
        assertThat(json(wrongType.body()).get("errors")).as(wrongType.body()).singleElement()
                .satisfies(e -> assertThat(e.get("field").asText()).isEqualTo("fromBlock"));
        assertThat(orgAdmin.get(subscriptions).json()).as("subscriptions after the refusals").isEmpty();
    }

    /** docs/events.md: limit is 1 to 500 (the history kept by default); outside, 400 before anything is read. */
    @Test
    void a_deliveries_limit_outside_1_to_500_is_refused_with_400_naming_the_range() {
        for (String limit : List.of("0", "-1", "501")) {
            Api.Response api = orgAdmin.get(subscriptions + "/1/deliveries?limit=" + limit);
            assertThat(api.status()).as(api.toString()).isEqualTo(400);
            assertThat(api.contentType()).startsWith("application/problem+json");
            assertThat(api.json().get("type").asText()).isEqualTo("urn:consortia:problem:invalid-input");
            assertThat(api.json().get("detail").asText()).isEqualTo("limit must be 1 to 500");
            GatewayClient.Response gateway = client.get("/gateway/v1/subscriptions/1/deliveries?limit=" + limit);
            assertThat(gateway.status()).as(gateway.body()).isEqualTo(400);
            assertThat(json(gateway.body()).get("detail").asText()).isEqualTo("limit must be 1 to 500");
        }
        Api.Response notANumber = orgAdmin.get(subscriptions + "/1/deliveries?limit=all");
        assertThat(notANumber.status()).as(notANumber.toString()).isEqualTo(400);
        assertThat(notANumber.json().get("detail").asText())
                .isEqualTo("Parameter 'limit' must be a whole number (32 bits), not \"all\"");
        // in range, the subscription (there is none) is what is missing
        for (String limit : List.of("1", "500")) {
            assertThat(orgAdmin.get(subscriptions + "/1/deliveries?limit=" + limit).status()).as(limit).isEqualTo(404);
            assertThat(client.get("/gateway/v1/subscriptions/1/deliveries?limit=" + limit).status()).as(limit)
                    .isEqualTo(404);
        }
    }

    /**
     * A value of the path or query checked by hand is named in the errors list too, not only in the detail (a tester's
     * client read errors[].field to mark the wrong input, and found nothing for these).
     */
    @Test
    void a_path_or_query_value_refused_names_its_field_in_the_errors_list() {
        Map<String, String> cases = Map.of(
                "/gateway/v1/channels/main/blocks/abc", "number",
                "/gateway/v1/channels/main/blocks/-1", "number",
                "/gateway/v1/channels/main/blocks?hash=xyz", "hash",
                "/gateway/v1/channels/main/transactions/xyz", "transactionId",
                "/gateway/v1/subscriptions/1/deliveries?limit=0", "limit",
                "/gateway/v1/subscriptions/1/deliveries?limit=all", "limit");
        cases.forEach((path, field) -> {
            GatewayClient.Response response = client.get(path);
            assertThat(response.status()).as(path + " " + response.body()).isEqualTo(400);
            JsonNode problem = json(response.body());
            assertThat(problem.get("errors")).as(path + " " + response.body()).singleElement().satisfies(error -> {
                assertThat(error.get("field").asText()).isEqualTo(field);
                assertThat(problem.get("detail").asText()).contains(error.get("message").asText());
            });
        });
    }

    private static void assertInvalid(GatewayClient.Response response, Map<String, String> errors) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode problem = json(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("urn:consortia:problem:invalid-input");
        assertThat(problem.get("errors")).as(response.body()).isNotNull();
        Map<String, String> named = new java.util.LinkedHashMap<>();
        problem.get("errors").forEach(e -> named.put(e.get("field").asText(), e.get("message").asText()));
        assertThat(named).as(response.body()).isEqualTo(errors);
        assertThat(problem.get("detail").asText()).startsWith("Invalid request: ");
        errors.forEach((field, message) -> assertThat(problem.get("detail").asText()).contains(field + " " + message));
    }

    private static JsonNode json(String body) {
        try {
            return Api.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }
}
