package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
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
 * User contracts on a real local network (2 organisations x 1 node, H2), through the REST API and
 * the console in a real browser: upload → review → propose → approvals by both admins → commit →
 * calls → upgrade keeping state → freeze refusing calls → unfreeze; an unreviewed version cannot be
 * proposed; bad uploads and calls refused with problem+json and nothing changed; the NFT and
 * traceability invariants; a built-in's store template installed with caller rules that every node
 * enforces (FORBIDDEN), approved from the other admin's waiting list.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class UserContractsIT {
    private static final String PROBLEM = "application/problem+json";
    /** Reads through another organisation's node than the write's: generous, the machine may be loaded. */
    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(120);
    private PlatformRunner platform;
    private Api alice;   // admin of org1
    private Api bob;     // admin of org2
    private Api carol;   // member of org1
    private Api auditor;
    private long consortium;
    private long v1;
    private String digest;

    @BeforeAll
    void network() {
        // PlatformRunner already gives each platform a random window of node ports (start and end together)
        platform = new PlatformRunner(TestDatabase.H2).start();
        Api admin = platform.admin();
        long org1 = Fixtures.organization(admin, "org1");
        long org2 = Fixtures.organization(admin, "org2");
        alice = Fixtures.member(admin, org1, "alice", "ADMIN");
        bob = Fixtures.member(admin, org2, "bob", "ADMIN");
        carol = Fixtures.member(alice, org1, "carol", "MEMBER");
        auditor = Fixtures.auditor(admin, "audrey");
        consortium = Fixtures.consortium(alice, "Wasm Alliance");
        assertThat(alice.post("/api/v1/consortia/" + consortium + "/invitations", Json.of("organizationId", org2))
                .status()).isEqualTo(201);
        long invitation = bob.get("/api/v1/invitations").json().get(0).get("id").asLong();
        assertThat(bob.post("/api/v1/invitations/" + invitation + "/accept", "").status()).isEqualTo(200);
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
    void bad_uploads_are_refused_with_problems_and_nothing_is_stored() {
        Api.Response notBase64 = carol.post(packages(), Json.of("manifest", manifest("records", "1.0.0"), "module", "%%%"));
        assertProblem(notBase64, 400);
        Api.Response notWasm = carol.post(packages(), Json.of("manifest", manifest("records", "1.0.0"),
                "module", Base64.getEncoder().encodeToString("not a module".getBytes())));
        assertProblem(notWasm, 400);
        assertThat(notWasm.body()).contains("refused");
        Api.Response reserved = carol.post(packages(), Json.of("manifest", manifest("nft", "1.0.0"),
                "module", base64(records())));
        assertProblem(reserved, 400);
        Api.Response badType = carol.post(packages(), Json.of("manifest", Json.of("name", "records", "version", "1",
                "functions", List.of(Json.of("name", "put", "query", false, "args",
                        List.of(Json.of("name", "id", "type", "float"))))), "module", base64(records())));
        assertProblem(badType, 400);
        assertThat(carol.get(packages()).json()).isEmpty();
    }

    @Test
    @Order(2)
    void an_unreviewed_version_cannot_be_proposed_and_only_admins_or_auditors_review() {
        Api.Response uploaded = carol.post(packages(), Json.of("manifest", manifest("records", "1.0.0"),
                "module", base64(records())));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(uploaded.json().get("reviewStatus").asText()).isEqualTo("PENDING");
        assertThat(uploaded.json().get("uploadedBy").asText()).isEqualTo("carol");
        assertThat(uploaded.json().get("codeHash").asText()).hasSize(64);
        v1 = uploaded.json().get("id").asLong();

        assertProblem(alice.post(contracts(), Json.of("packageId", v1)), 409);
        assertThat(bob.get("/api/v1/consortia/" + consortium + "/contract-approvals").json()).isEmpty();
        assertProblem(carol.post(packages() + "/" + v1 + "/review", Json.of("status", "REVIEWED")), 403);

        Api.Response reviewed = bob.post(packages() + "/" + v1 + "/review", Json.of("status", "REVIEWED", "note", "read it"));
        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(200);
        assertThat(reviewed.json().get("reviewedBy").asText()).isEqualTo("bob");
        assertProblem(bob.post(packages() + "/" + v1 + "/review", Json.of("status", "REJECTED", "note", "late")), 409);
    }

    @Test
    @Order(3)
    void a_proposal_waits_for_the_other_admin_and_cannot_commit_before_the_policy_is_met() {
        assertProblem(carol.post(contracts(), Json.of("packageId", v1)), 403);
        Api.Response proposed = alice.post(contracts(), Json.of("packageId", v1));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        assertThat(steps(proposed.json())).containsExactly(
                "Install module of records 1.0.0 (" + records().length + " bytes):DONE",
                "Propose records 1.0.0 (sequence 1, MAJORITY):DONE",
                "Approve for org1 (signed by admin@org1):DONE");
        // recorded like every long action: a deployment with the same steps, on the consortium's progress pages
        long operation = proposed.json().get("id").asLong();
        JsonNode recorded = null;
        for (JsonNode deployment : alice.get("/api/v1/consortia/" + consortium + "/deployments").json()) {
            if (deployment.get("id").asLong() == operation) {
                recorded = deployment;
            }
        }
        assertThat(recorded).as("operation " + operation + " among the deployments").isNotNull();
        assertThat(recorded.get("action").asText()).isEqualTo("CONTRACT_PROPOSE");
        assertThat(recorded.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(steps(recorded)).isEqualTo(steps(proposed.json()));
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/contract-operations/" + operation).json()
                .get("contract").asText()).isEqualTo("records");
        Api.Response progress = alice.get("/console/deployments/" + operation + "/progress?lang=en");
        assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
        assertThat(progress.body()).contains("Contract: install and propose", "Propose records 1.0.0");
        digest = proposed.json().get("result").get("digest").asText();
        assertThat(proposed.json().get("result").get("approvals").asInt()).isEqualTo(1);
        assertThat(proposed.json().get("result").get("required").asInt()).isEqualTo(2);

        assertProblem(alice.post(proposal(1, digest) + "/commit", "{}"), 409);
        assertThat(alice.get(contracts()).json()).isEmpty();
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/contract-approvals").json()).isEmpty();
        // bob's calls go through org2's node, which may not have applied alice's proposal yet, nor her approval
        // (CI: the proposal was there with no approval yet)
        JsonNode waiting = await("org2's node has the proposal and org1's approval").atMost(WAIT)
                .until(() -> bob.get("/api/v1/consortia/" + consortium + "/contract-approvals").json(),
                        w -> w.isArray() && w.size() == 1 && w.get(0).path("approvals").size() == 1);
        assertThat(waiting.get(0).get("digest").asText()).isEqualTo(digest);
        assertThat(waiting.get(0).get("approvals").get(0).get("organization").asText()).isEqualTo("org1");

        // a proposal that does not exist: 404, and no operation (nor transaction) is recorded for it
        String operationsBefore = alice.get("/api/v1/consortia/" + consortium + "/deployments").body();
        String noSuchDigest = "0".repeat(64);
        Api.Response noSuchProposal = bob.post(proposal(1, noSuchDigest) + "/approve", "{}");
        assertProblem(noSuchProposal, 404);
        assertThat(noSuchProposal.json().get("type").asText()).isEqualTo("urn:consortia:problem:not-found");
        assertProblem(bob.post(proposal(7, digest) + "/approve", "{}"), 404);
        assertProblem(alice.post(proposal(1, noSuchDigest) + "/commit", "{}"), 404);
        // nor for an approval org1 gave already (org1's node shows it: alice's own proposal step approved)
        Api.Response again = alice.post(proposal(1, digest) + "/approve", "{}");
        assertProblem(again, 409);
        assertThat(again.json().get("type").asText()).isEqualTo("urn:consortia:problem:contract-rejected");
        assertThat(again.json().get("code").asText()).isEqualTo("LIFECYCLE_ALREADY_APPROVED");
        assertThat(again.json().get("detail").asText()).contains("org1 approved proposal " + digest, "already");
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/deployments").body()).isEqualTo(operationsBefore);
    }

    @Test
    @Order(4)
    void approved_by_both_admins_it_commits_and_members_call_it_through_the_manifest() {
        Api.Response approved = bob.post(proposal(1, digest) + "/approve", "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("result").get("approvals").asInt()).isEqualTo(2);
        assertThat(bob.get("/api/v1/consortia/" + consortium + "/contract-approvals").json()).isEmpty();
        assertProblem(bob.post(proposal(1, digest) + "/approve", "{}"), 409);

        Api.Response committed = alice.post(proposal(1, digest) + "/commit", "{}");
        assertThat(committed.status()).as(committed.toString()).isEqualTo(200);
        assertThat(committed.json().get("result").get("definition").get("approvals")).hasSize(2);
        JsonNode detail = carol.get(contracts() + "/records").json();
        assertThat(detail.get("current").get("definition").get("version").asText()).isEqualTo("1.0.0");
        assertThat(detail.get("manifest").get("functions")).hasSize(4);

        Api.Response put = carol.post(contracts() + "/records/calls", Json.of("function", "put", "args", List.of("a", "hello")));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("transactionId").asText()).isNotBlank();
        assertThat(get("a")).isEqualTo("hello");

        assertProblem(carol.post(contracts() + "/records/calls", Json.of("function", "steal", "args", List.of())), 400);
        assertProblem(carol.post(contracts() + "/records/calls", Json.of("function", "put", "args", List.of("b"))), 400);
        // a record the contract says does not exist (consortia.not_found) is not found, as a built-in's: 404, not 409
        assertProblem(carol.post(contracts() + "/records/calls", Json.of("function", "get", "args", List.of("b"))), 404);
    }

    @Test
    @Order(5)
    void an_upgrade_keeps_the_state() {
        byte[] v2Module = withCustomSection(records());
        Api.Response uploaded = carol.post(packages(), Json.of("manifest", manifest("records", "2.0.0"),
                "module", base64(v2Module)));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        long v2 = uploaded.json().get("id").asLong();
        assertProblem(auditor.post(contracts(), Json.of("packageId", v2)), 403);
        Api.Response reviewed = auditor.post(packages() + "/" + v2 + "/review", Json.of("status", "REVIEWED"));
        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(200);
        assertThat(reviewed.json().get("reviewedBy").asText()).isEqualTo("audrey");
        assertThat(carol.get(packages() + "/by-name/records").json()).hasSize(2);

        Api.Response proposed = alice.post(contracts() + "/records/upgrade", Json.of("packageId", v2));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        approveAndCommit(proposed, 2);
        assertThat(carol.get(contracts() + "/records").json().get("current").get("definition").get("version").asText())
                .isEqualTo("2.0.0");
        assertThat(get("a")).isEqualTo("hello");
    }

    @Test
    @Order(6)
    void a_frozen_contract_refuses_calls_until_it_is_unfrozen() {
        approveAndCommit(alice.post(contracts() + "/records/freeze", "{}"), 3);
        Api.Response refused = carol.post(contracts() + "/records/calls", Json.of("function", "put", "args", List.of("c", "x")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith(PROBLEM);
        assertThat(refused.body()).contains("CONTRACT_FROZEN");

        approveAndCommit(alice.post(contracts() + "/records/unfreeze", "{}"), 4);
        Api.Response put = carol.post(contracts() + "/records/calls", Json.of("function", "put", "args", List.of("c", "x")));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(get("c")).isEqualTo("x");
        JsonNode history = carol.get(contracts() + "/records").json().get("history");
        assertThat(history).extracting(h -> h.get("definition").get("status").asText())
                .containsExactly("ACTIVE", "ACTIVE", "FROZEN", "ACTIVE");
    }

    /**
     * An organisation that disagreed could only leave a proposal unapproved: nobody learnt why, and it waited for
     * ever in its waiting list (testers Zhao and Li). bob declines alice's freeze with a reason: the proposal shows
     * it, can no longer pass (MAJORITY of 2 needs both), leaves bob's waiting list, and its commit is refused. bob
     * then changes his mind: his approval withdraws the decline and the freeze commits.
     */
    @Test
    @Order(7)
    void an_organisation_declines_with_a_reason_and_a_proposal_that_can_no_longer_pass_is_not_committed() {
        Api.Response proposed = alice.post(contracts() + "/records/freeze", "{}");
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        String freeze = proposed.json().get("result").get("digest").asText();
        String path = proposal(5, freeze);
        String approvals = "/api/v1/consortia/" + consortium + "/contract-approvals";
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(bob.get(approvals).json())
                .extracting(p -> p.get("digest").asText()).contains(freeze));

        Api.Response noReason = bob.post(path + "/decline", Json.of("reason", "  "));
        assertProblem(noReason, 400);
        assertThat(noReason.body()).contains("\"field\":\"reason\"");
        assertProblem(bob.post(path + "/decline", Json.of("reason", "x".repeat(501))), 400);
        Api.Response declined = bob.post(path + "/decline", Json.of("reason", "冻结前请先通知用户 (notify users first)"));
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        assertThat(declined.json().get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(declined.json().get("action").asText()).isEqualTo("DECLINE");
        assertThat(bob.get(approvals).json()).extracting(p -> p.get("digest").asText()).doesNotContain(freeze);
        // the audit trail says which proposal was declined and why
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(auditor.get(
                "/api/v1/audit/records?action=%7Bdigest%7D/decline&status=200").json())
                .extracting(r -> r.get("details").asText()).anySatisfy(d -> assertThat(d).contains(
                        "contract=\"records\" sequence=\"5\" digest=\"" + freeze + "\"",
                        "declineReason=\"冻结前请先通知用户 (notify users first)\"")));

        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            JsonNode shown = null;
            for (JsonNode p : alice.get(contracts() + "/records").json().get("proposals")) {
                shown = p.get("digest").asText().equals(freeze) ? p : shown;
            }
            assertThat(shown).isNotNull();
            assertThat(shown.get("declines")).singleElement().satisfies(d -> {
                assertThat(d.get("organization").asText()).isEqualTo("org2");
                assertThat(d.get("reason").asText()).isEqualTo("冻结前请先通知用户 (notify users first)");
            });
            assertThat(shown.get("canStillPass").asBoolean()).isFalse();
        });
        Api.Response commit = alice.post(path + "/commit", "{}");
        assertProblem(commit, 409);
        assertThat(commit.body()).contains("LIFECYCLE_POLICY_NOT_MET", "can no longer pass", "org2");
        assertThat(alice.get("/console/consortia/" + consortium + "/user-contracts/main/records").body())
                .contains("notify users first", "Can no longer pass", "decline-form");

        // bob changes his mind: approving withdraws the decline
        Api.Response approved = bob.post(path + "/approve", "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            Api.Response committed = alice.post(path + "/commit", "{}");
            assertThat(committed.status()).as(committed.toString()).isEqualTo(200);
        });
        approveAndCommit(alice.post(contracts() + "/records/unfreeze", "{}"), 6);
        assertThat(get("c")).isEqualTo("x");
    }

    @Test
    @Order(8)
    void the_store_lists_templates_and_installs_an_example_through_the_same_approvals() {
        JsonNode templates = carol.get("/api/v1/contract-store").json();
        assertThat(templates).extracting(t -> t.get("id").asText())
                .contains("notarization", "asset", "token", "nft", "traceability", "records", "escrow");
        Api.Response installed = alice.post("/api/v1/consortia/" + consortium + "/contract-store/escrow/install",
                Json.of("channel", "main"));
        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        approveAndCommit(installed, 1);
        assertThat(carol.get(contracts()).json()).extracting(c -> c.get("definition").get("name").asText())
                .containsExactly("escrow", "records");
    }

    @Test
    @Order(9)
    void nft_only_the_owner_transfers_and_a_token_has_one_owner() {
        String nft = channel() + "/nft-collections";
        assertThat(alice.post(nft, Json.of("collection", "art", "name", "Art")).status()).isEqualTo(201);
        Api.Response minted = alice.post(nft + "/art/tokens", Json.of("tokenId", "t1", "toAccount", "org1/alice",
                "tokenUri", "ipfs://t1"));
        assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
        // bob reads through org2's node, alice writes through org1's: wait until bob's node has the mint
        await("org2's node has the mint").atMost(WAIT).untilAsserted(() ->
                assertThat(bob.get(nft + "/art/tokens/t1").json().path("owner").asText()).isEqualTo("org1/alice"));

        assertProblem(bob.post(nft + "/art/tokens/t1/transfer", Json.of("toAccount", "org2/bob")), 409);
        assertThat(bob.get(nft + "/art/tokens/t1").json().get("owner").asText()).isEqualTo("org1/alice");
        // an account no one can hold is refused before anything is signed, as a token transfer's is (it was the
        // contract's 409 here, a 400 there, for the same mistake)
        for (String nobody : List.of("nosuchorg/nobody", "org2/..", "org2/<b>")) {
            assertThat(alice.post(nft + "/art/tokens/t1/transfer", Json.of("toAccount", nobody)).json()
                    .path("status").asInt()).as(nobody).isEqualTo(400);
            assertThat(alice.post(nft + "/art/tokens", Json.of("tokenId", "t9", "toAccount", nobody, "tokenUri",
                    "ipfs://t9")).json().path("status").asInt()).as(nobody).isEqualTo(400);
        }
        assertThat(alice.get(nft + "/art/tokens/t1").json().get("owner").asText()).isEqualTo("org1/alice");
        assertProblem(alice.post(nft + "/art/tokens", Json.of("tokenId", "t1", "toAccount", "org2/bob",
                "tokenUri", "ipfs://again")), 409);

        Api.Response moved = alice.post(nft + "/art/tokens/t1/transfer", Json.of("toAccount", "org2/bob"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(alice.get(nft + "/art/tokens/t1").json().get("owner").asText()).isEqualTo("org2/bob");
        await("org2's node has the transfer").atMost(WAIT).untilAsserted(() ->
                assertThat(bob.get(nft + "/art/owned").json().toString()).contains("t1"));
        assertThat(alice.get(nft + "/art/owned").json().toString()).doesNotContain("t1");
        assertProblem(alice.post(nft + "/art/tokens/t1/transfer", Json.of("toAccount", "org1/alice")), 409);
        assertProblem(alice.post(nft, Json.of("collection", "..", "name", "x")), 400);
    }

    @Test
    @Order(10)
    void traceability_history_is_append_only_and_ordered() {
        String batches = channel() + "/batches";
        assertThat(alice.post(batches, Json.of("batchId", "b1", "product", "coffee", "attributes", Map.of("origin", "ET")))
                .status()).isEqualTo(201);
        assertThat(alice.post(batches + "/b1/events", Json.of("type", "roasted", "details", "200C")).status())
                .isEqualTo(201);
        assertThat(alice.post(batches + "/b1/custody", Json.of("toOrganization", "org2", "details", "shipped"))
                .status()).isEqualTo(200);
        // reads may go through a node a block behind the write: wait for the three entries written above
        await("org2's node has the three entries").atMost(WAIT)
                .until(() -> bob.get(batches + "/b1/history").json().size() == 3);
        int before = 3;
        assertProblem(alice.post(batches + "/b1/events", Json.of("type", "tampered", "details", "late")), 409);
        assertThat(bob.post(batches + "/b1/events", Json.of("type", "received", "details", "ok")).status())
                .isEqualTo(201);

        await("org2's node has its own event").atMost(WAIT)
                .until(() -> bob.get(batches + "/b1/history").json().size() >= before + 1);
        JsonNode history = bob.get(batches + "/b1/history").json();
        assertThat(history).hasSize(before + 1);
        List<Long> sequences = new ArrayList<>();
        history.forEach(e -> sequences.add(e.get("sequence").asLong()));
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        assertThat(history.get(history.size() - 1).get("organization").asText()).isEqualTo("org2");
        assertThat(history.toString()).doesNotContain("tampered");
        assertProblem(bob.post(batches, Json.of("batchId", "b1", "product", "again")), 409);
    }

    @Test
    @Order(11)
    void the_console_shows_repository_store_lifecycle_and_a_call_form_from_the_manifest_in_both_languages() {
        String console = "/console/consortia/" + consortium;
        Api.Response repository = alice.get(console + "/contract-repository?lang=en");
        assertThat(repository.status()).as(repository.toString()).isEqualTo(200);
        assertThat(repository.body()).contains("Contract repository", "records", "2.0.0", "REVIEWED", "upload-form");
        Api.Response store = alice.get(console + "/contract-store?lang=zh-CN");
        assertThat(store.status()).isEqualTo(200);
        assertThat(store.body()).contains("合约商店", "install-escrow", "template-nft");
        Api.Response list = bob.get(console + "/user-contracts?channel=main&lang=en");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Committed contracts", "records", "escrow", "Nothing waits for your organisation.");
        Api.Response detail = carol.get(console + "/user-contracts/main/records?lang=zh-CN");
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        assertThat(detail.body()).contains("调用函数", "call-put", "call-get", "call-list", "data-type=\"list\"");
    }

    @Test
    @Order(12)
    void in_a_browser_the_call_form_built_from_the_manifest_submits_and_evaluates() {
        try (Browser browser = new Browser("http://127.0.0.1:" + platform.port())) {
            browser.signIn("carol", Fixtures.password("carol"));
            browser.open("/console/consortia/" + consortium + "/user-contracts/main/records");
            List<org.openqa.selenium.WebElement> putArgs = browser.all("#call-put input[name=args]");
            assertThat(putArgs).hasSize(2);
            putArgs.get(0).sendKeys("from-browser");
            putArgs.get(1).sendKeys("typed value");
            browser.click("#call-put button[type=submit]");
            browser.waitFor(java.time.Duration.ofSeconds(60),
                    d -> browser.find("#call-put .result").getText().contains("transactionId"));
            browser.find("#call-get input[name=args]").sendKeys("from-browser");
            browser.click("#call-get button[type=submit]");
            browser.waitFor(java.time.Duration.ofSeconds(60),
                    d -> browser.find("#call-get .result").getText().contains("typed value"));
        }
        assertThat(get("from-browser")).isEqualTo("typed value");
    }

    @Test
    @Order(13)
    void a_built_in_template_with_bad_caller_rules_is_refused_and_nothing_is_proposed() {
        String install = "/api/v1/consortia/" + consortium + "/contract-store/nft/install";
        String packagesBefore = alice.get(packages()).body();
        String operationsBefore = alice.get("/api/v1/consortia/" + consortium + "/deployments").body();
        assertProblem(carol.post(install, Json.of("channel", "main")), 403);
        Api.Response noSuchFunction = alice.post(install, Json.of("channel", "main", "rules",
                List.of(Json.of("function", "burn", "organizations", List.of("org1")))));
        assertProblem(noSuchFunction, 400);
        assertThat(noSuchFunction.body()).contains("has no function burn");
        Api.Response stranger = alice.post(install, Json.of("channel", "main", "rules",
                List.of(Json.of("function", "mint", "organizations", List.of("org3")))));
        assertProblem(stranger, 400);
        assertThat(stranger.body()).contains("org3 is not an organisation of the channel");
        assertProblem(alice.post(install, Json.of("channel", "main", "rules",
                List.of(Json.of("function", "mint", "roles", List.of("root"))))), 400);
        assertProblem(alice.get(contracts() + "/nft-app"), 404);
        assertThat(bob.get("/api/v1/consortia/" + consortium + "/contract-approvals").json()).isEmpty();
        // refused before anything ran: no template package stored, no failed operation recorded (nor alerted)
        Api.Response ghost = alice.post(contracts() + "/ghost/freeze", "{}");
        assertProblem(ghost, 404); // never proposed: as the nodes' UNKNOWN_CONTRACT
        assertThat(ghost.json().get("code").asText()).isEqualTo("UNKNOWN_CONTRACT");
        assertThat(ghost.json().get("detail").asText()).isEqualTo("Contract ghost was never proposed on channel main"
                + " (UNKNOWN_CONTRACT)");
        assertThat(alice.get(packages()).body()).isEqualTo(packagesBefore);
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/deployments").body()).isEqualTo(operationsBefore);
    }

    @Test
    @Order(14)
    void in_a_browser_an_admin_installs_the_nft_template_with_caller_rules_from_the_store_in_chinese() {
        try (Browser browser = new Browser("http://127.0.0.1:" + platform.port())) {
            browser.signIn("alice", Fixtures.password("alice"));
            browser.open("/console/consortia/" + consortium + "/contract-store?lang=zh-CN");
            assertThat(browser.find("#template-nft").getText()).contains("安装为用户合约 nft-app", "调用规则");
            browser.type("#install-nft textarea[name=rules]", "mint: org1\naddMinter: / admin\ntokensOf: org1");
            browser.click("#install-nft button[type=submit]");
            browser.waitFor(java.time.Duration.ofSeconds(120),
                    d -> browser.path().startsWith("/console/consortia/" + consortium + "/user-contracts"));
        }
        JsonNode proposal = alice.get(contracts() + "/nft-app").json().get("proposals").get(0);
        assertThat(proposal.get("approvals")).hasSize(1);
        assertThat(proposal.get("definition").get("functions").toString())
                .contains("{\"function\":\"addMinter\",\"organizations\":[],\"roles\":[\"admin\"]}",
                        "{\"function\":\"mint\",\"organizations\":[\"org1\"],\"roles\":[]}",
                        "{\"function\":\"tokensOf\",\"organizations\":[\"org1\"],\"roles\":[]}");
    }

    @Test
    @Order(15)
    void in_a_browser_the_other_admin_sees_the_approval_waiting_in_english_and_approves_it_in_chinese() {
        try (Browser browser = new Browser("http://127.0.0.1:" + platform.port())) {
            browser.signIn("bob", Fixtures.password("bob"));
            // bob's node lists the proposal once it holds it: reload until then
            browser.waitFor(java.time.Duration.ofSeconds(60), d -> {
                browser.open("/console/consortia/" + consortium + "/user-contracts?channel=main&lang=en");
                return browser.find("#waiting").getText().contains("nft-app");
            });
            assertThat(browser.find("#waiting").getText()).contains("Waiting for your organisation's approval",
                    "nft-app", "1 / 2");
            browser.open("/console/consortia/" + consortium + "/user-contracts?channel=main&lang=zh-CN");
            assertThat(browser.find("#waiting").getText()).contains("等待本组织审批", "nft-app");
            browser.click("#waiting button[data-api-post*='/user-contracts/nft-app/proposals/']");
            browser.waitFor(java.time.Duration.ofSeconds(120),
                    d -> browser.find("#waiting").getText().contains("没有等待本组织审批的提案"));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(alice.get(contracts() + "/nft-app").json().get("proposals").get(0).get("approvals"))
                        .hasSize(2));
    }

    @Test
    @Order(16)
    void the_committed_template_forwards_to_the_built_in_and_every_node_enforces_its_caller_rules() {
        String digestHex = alice.get(contracts() + "/nft-app").json().get("proposals").get(0).get("digest").asText();
        Api.Response committed = alice.post(contracts() + "/nft-app/proposals/1/" + digestHex + "/commit", "{}");
        assertThat(committed.status()).as(committed.toString()).isEqualTo(200);
        assertThat(committed.json().get("result").get("definition").get("definition").get("functions")).hasSize(3);
        String calls = contracts() + "/nft-app/calls";

        Api.Response collection = carol.post(calls, Json.of("function", "createCollection", "args", List.of("gov", "Governed")));
        assertThat(collection.status()).as(collection.toString()).isEqualTo(200);
        assertThat(collection.json().get("result").asText()).contains("\"admin\":\"org1/carol\"");
        // a USER certificate where the rule wants an admin's: refused on chain, nothing changed; 403 as when evaluated
        Api.Response notAdmin = carol.post(calls, Json.of("function", "addMinter", "args", List.of("gov", "org2")));
        assertThat(notAdmin.status()).as(notAdmin.toString()).isEqualTo(403);
        assertThat(notAdmin.body()).contains("FORBIDDEN", "roles [admin]");
        // an organisation admin's call of it is signed with the organisation's ADMIN identity, which the rule
        // admits (it was signed with alice's USER certificate: 403 for everyone); the built-in then decides
        Api.Response byAdmin = alice.post(calls, Json.of("function", "addMinter", "args", List.of("gov", "org2")));
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(409);
        assertThat(byAdmin.body()).contains("CONTRACT_REJECTED", "only the admin org1/carol").doesNotContain("FORBIDDEN");
        // bob's node may not have the commit yet: wait for the verdict of the rule itself
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Response otherOrganization = bob.post(calls, Json.of("function", "mint", "args",
                    List.of("gov", "t1", "org2/bob", "ipfs://t1")));
            assertThat(otherOrganization.status()).as(otherOrganization.toString()).isEqualTo(403);
            assertThat(otherOrganization.body()).contains("FORBIDDEN", "organizations [org1]");
        });
        Api.Response minted = carol.post(calls, Json.of("function", "mint", "args",
                List.of("gov", "t1", "org1/carol", "ipfs://t1")));
        assertThat(minted.status()).as(minted.toString()).isEqualTo(200);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Response owner = bob.post(calls, Json.of("function", "ownerOf", "args", List.of("gov", "t1")));
            assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
            assertThat(owner.json().get("result").asText()).contains("\"owner\":\"org1/carol\"");
        });
        Api.Response hidden = bob.post(calls, Json.of("function", "tokensOf", "args", List.of("gov", "org1/carol")));
        assertProblem(hidden, 403);
        Api.Response mine = carol.post(calls, Json.of("function", "tokensOf", "args", List.of("gov", "org1/carol")));
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.json().get("result").asText()).contains("t1");
        // the forwarder keeps no state of its own: the built-in's endpoints see the same token
        assertThat(bob.get(channel() + "/nft-collections/gov/tokens/t1").json().get("owner").asText())
                .isEqualTo("org1/carol");

        Api.Response page = carol.get("/console/consortia/" + consortium + "/user-contracts/main/nft-app?lang=en");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).contains("Caller rules", "mint: org1", "addMinter: * / admin", "call-createCollection");
    }

    @Test
    @Order(17)
    void in_a_browser_in_chinese_the_call_form_built_from_the_manifest_submits_and_evaluates() {
        try (Browser browser = new Browser("http://127.0.0.1:" + platform.port())) {
            browser.signIn("carol", Fixtures.password("carol"));
            browser.open("/console/consortia/" + consortium + "/user-contracts/main/nft-app?lang=zh-CN");
            assertThat(browser.find("#calls").getText()).contains("调用函数", "createCollection", "ownerOf");
            List<org.openqa.selenium.WebElement> collection = browser.all("#call-createCollection input[name=args]");
            assertThat(collection).hasSize(2);
            collection.get(0).sendKeys("zh");
            collection.get(1).sendKeys("中文藏品");
            browser.click("#call-createCollection button[type=submit]");
            browser.waitFor(java.time.Duration.ofSeconds(60),
                    d -> browser.find("#call-createCollection .result").getText().contains("transactionId"));
            List<org.openqa.selenium.WebElement> owner = browser.all("#call-ownerOf input[name=args]");
            owner.get(0).sendKeys("gov");
            owner.get(1).sendKeys("t1");
            browser.click("#call-ownerOf button[type=submit]");
            browser.waitFor(java.time.Duration.ofSeconds(60),
                    d -> browser.find("#call-ownerOf .result").getText().contains("org1/carol"));
        }
        Api.Response created = carol.post(contracts() + "/nft-app/calls", Json.of("function", "collection",
                "args", List.of("zh")));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("result").asText()).contains("中文藏品");
    }

    private void approveAndCommit(Api.Response proposed, long sequence) {
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        JsonNode result = proposed.json().get("result");
        assertThat(result.get("sequence").asLong()).isEqualTo(sequence);
        String name = proposed.json().get("contract").asText();
        String path = channel() + "/user-contracts/" + name + "/proposals/" + sequence + "/" + result.get("digest").asText();
        Api.Response approved = bob.post(path + "/approve", "{}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        // alice's node may not hold bob's approval yet (the platform then refuses the commit, changing nothing)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Response committed = alice.post(path + "/commit", "{}");
            assertThat(committed.status()).as(committed.toString()).isEqualTo(200);
            assertThat(committed.json().get("status").asText()).isEqualTo("SUCCEEDED");
        });
    }

    private String get(String id) {
        Api.Response got = carol.post(contracts() + "/records/calls", Json.of("function", "get", "args", List.of(id)));
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
        return got.json().get("result").asText();
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith(PROBLEM);
    }

    private static List<String> steps(JsonNode operation) {
        List<String> steps = new ArrayList<>();
        operation.get("steps").forEach(s -> steps.add(s.get("name").asText() + ":" + s.get("status").asText()));
        return steps;
    }

    private static Map<String, Object> manifest(String name, String version) {
        return Json.of("name", name, "version", version, "description", "records", "functions", List.of(
                Json.of("name", "put", "query", false, "args", List.of(arg("id"), arg("value"))),
                Json.of("name", "get", "query", true, "args", List.of(arg("id"))),
                Json.of("name", "del", "query", false, "args", List.of(arg("id"))),
                Json.of("name", "list", "query", true, "args", List.of())));
    }

    private static Map<String, Object> arg(String name) {
        return Json.of("name", name, "type", "string");
    }

    private String packages() {
        return "/api/v1/consortia/" + consortium + "/contract-packages";
    }

    private String channel() {
        return "/api/v1/consortia/" + consortium + "/channels/main";
    }

    private String contracts() {
        return channel() + "/user-contracts";
    }

    private String proposal(long sequence, String digestHex) {
        return contracts() + "/records/proposals/" + sequence + "/" + digestHex;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] records() {
        try (InputStream in = UserContractsIT.class.getResourceAsStream("/store/records.wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The same code with a custom section appended: another hash, the same behaviour (a "new version"). */
    private static byte[] withCustomSection(byte[] module) {
        byte[] name = "version".getBytes();
        byte[] payload = "2.0.0".getBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(module);
        out.write(0);
        out.write(1 + name.length + payload.length);
        out.write(name.length);
        out.writeBytes(name);
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
