package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Careless and hostile user contracts on a real local network (one organisation, one node, H2), through
 * the REST API, as an outside tester wrote them: a module whose data segment lies outside its memory is
 * refused at upload; a commit's step shows the code hash in hex; running out of fuel, and calling a
 * frozen contract, are the same problem whether the function is submitted or evaluated; bytes that are
 * not UTF-8 come back exactly. The modules are {@code src/test/wat/*.wat}, assembled into
 * {@code src/test/resources/wasm/}.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class HostileContractsIT {
    private static final String PROBLEM = "application/problem+json";
    /** 0xFF 0xFE 0x00 0x41: what bytes and bytes_query return. */
    private static final String RETURNED = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 'A'});
    private PlatformRunner platform;
    private Api alice;   // admin of org1
    private Api carol;   // member of org1
    private long consortium;

    @BeforeAll
    void network() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        Api admin = platform.admin();
        long org1 = Fixtures.organization(admin, "org1");
        alice = Fixtures.member(admin, org1, "alice", "ADMIN");
        carol = Fixtures.member(alice, org1, "carol", "MEMBER");
        consortium = Fixtures.consortium(alice, "Hostile Contracts");
        Waits.deployed(alice, consortium);
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void a_module_whose_data_segment_lies_outside_its_memory_is_refused_at_upload_and_nothing_is_stored() {
        Api.Response refused = carol.post(packages(), Json.of("manifest", Json.of("name", "oob", "version", "1.0.0",
                "functions", List.of(Json.of("name", "f", "query", false, "args", List.of()))),
                "module", base64(module("out_of_bounds"))));

        assertProblem(refused, 400, "invalid-module");
        assertThat(refused.json().get("detail").asText())
                .contains("data segment 0 at offset 70000 + 16 bytes is outside memory of 1 page (65536 bytes)");
        assertThat(carol.get(packages()).json()).isEmpty();
    }

    @Test
    @Order(2)
    void the_commits_step_shows_the_definition_with_its_code_hash_in_hex() {
        Api.Response uploaded = carol.post(packages(), Json.of("manifest", manifest(), "module",
                base64(module("hostile"))));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        long packageId = uploaded.json().get("id").asLong();
        assertThat(alice.post(packages() + "/" + packageId + "/review", Json.of("status", "REVIEWED")).status())
                .isEqualTo(200);

        Api.Response proposed = alice.post(contracts(), Json.of("packageId", packageId));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        String codeHash = proposed.json().get("result").get("codeHash").asText();
        assertThat(codeHash).matches("[0-9a-f]{64}");
        JsonNode committed = commit(proposed);

        JsonNode step = committed.get("steps").get(0);
        assertThat(step.get("name").asText()).isEqualTo("Commit hostile sequence 1");
        // it was protobuf's debug text: code_hash: "\321\004..." (octal escapes of the hash's bytes)
        assertThat(step.get("detail").asText()).startsWith("hostile 1.0.0 sequence 1 ACTIVE, code hash " + codeHash)
                .doesNotContain("\\").doesNotContain("code_hash");
        JsonNode recorded = alice.get("/api/v1/consortia/" + consortium + "/contract-operations/"
                + committed.get("id").asLong()).json();
        assertThat(recorded.get("steps").get(0).get("detail").asText()).isEqualTo(step.get("detail").asText());
    }

    @Test
    @Order(3)
    void running_out_of_fuel_is_the_same_problem_submitted_or_evaluated() {
        Api.Response submitted = call("burn");
        Api.Response evaluated = call("burn_query");

        assertProblem(submitted, 409, "contract-rejected");
        assertProblem(evaluated, 409, "contract-rejected");
        assertThat(submitted.json().get("detail").asText()).startsWith("The contract refused the call (OUT_OF_FUEL)");
        assertThat(evaluated.json().get("detail").asText()).startsWith("The contract refused the call (OUT_OF_FUEL)");
        // the submitted call is recorded in a block all the same: the problem names it, so it can be found
        String transactionId = submitted.json().path("transactionId").asText();
        assertThat(transactionId).as(submitted.toString()).matches("[0-9a-f]{64}");
        assertThat(submitted.json().path("blockNumber").isIntegralNumber()).as(submitted.toString()).isTrue();
        Api.Response recorded = carol.get("/api/v1/consortia/" + consortium + "/channels/main/transactions/"
                + transactionId);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        assertThat(recorded.body()).contains("OUT_OF_FUEL");
        // an evaluation is in no block
        assertThat(evaluated.json().has("transactionId")).as(evaluated.toString()).isFalse();
        assertThat(evaluated.json().has("blockNumber")).isFalse();
    }

    @Test
    @Order(4)
    void bytes_that_are_not_utf8_come_back_exactly_submitted_or_evaluated() {
        for (String function : List.of("bytes", "bytes_query")) {
            Api.Response returned = call(function);
            assertThat(returned.status()).as(returned.toString()).isEqualTo(200);
            assertThat(returned.json().get("resultBase64").asText()).as(function).isEqualTo(RETURNED);
            assertThat(returned.json().get("result").isNull()).as(function + ": not text").isTrue();
        }
        assertThat(call("bytes").json().get("transactionId").asText()).isNotBlank();
    }

    @Test
    @Order(5)
    void a_frozen_contract_is_the_same_problem_submitted_or_evaluated() {
        Api.Response frozen = alice.post(contracts() + "/hostile/freeze", "{}");
        assertThat(frozen.status()).as(frozen.toString()).isEqualTo(201);
        commit(frozen);

        Api.Response submitted = call("bytes");
        Api.Response evaluated = call("bytes_query");

        assertProblem(submitted, 409, "contract-rejected");
        assertProblem(evaluated, 409, "contract-rejected");
        assertThat(submitted.json().get("detail").asText()).contains("CONTRACT_FROZEN");
        assertThat(evaluated.json().get("detail").asText()).contains("CONTRACT_FROZEN");
    }

    /** One organisation: the proposer's approval meets the policy, so the proposal commits at once. */
    private JsonNode commit(Api.Response proposed) {
        JsonNode result = proposed.json().get("result");
        assertThat(result.get("approvals").asInt()).isEqualTo(result.get("required").asInt());
        Api.Response committed = alice.post(contracts() + "/hostile/proposals/" + result.get("sequence").asLong() + "/"
                + result.get("digest").asText() + "/commit", "{}");
        assertThat(committed.status()).as(committed.toString()).isEqualTo(200);
        assertThat(committed.json().get("status").asText()).isEqualTo("SUCCEEDED");
        return committed.json();
    }

    private Api.Response call(String function) {
        return carol.post(contracts() + "/hostile/calls", Json.of("function", function, "args", List.of()));
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith(PROBLEM);
        assertThat(response.json().get("type").asText()).as(response.toString())
                .isEqualTo("urn:consortia:problem:" + type);
    }

    private static Map<String, Object> manifest() {
        List<Object> functions = new ArrayList<>();
        for (String name : List.of("burn", "bytes")) {
            functions.add(Json.of("name", name, "query", false, "args", List.of()));
            functions.add(Json.of("name", name + "_query", "query", true, "args", List.of()));
        }
        return Json.of("name", "hostile", "version", "1.0.0", "description", "careless on purpose",
                "functions", functions);
    }

    private String packages() {
        return "/api/v1/consortia/" + consortium + "/contract-packages";
    }

    private String contracts() {
        return "/api/v1/consortia/" + consortium + "/channels/main/user-contracts";
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] module(String name) {
        try (InputStream in = HostileContractsIT.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
