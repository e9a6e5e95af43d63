package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Votes on one proposal are serialised: the admins of several organisations vote at the same moment
 * (threads released together by a barrier) on removing a member, and exactly one vote decides it, the
 * later ones are refused (409) as a vote on a decided proposal is, the operation runs once and the
 * proposal ends APPLIED. Whichever order the votes happen to take, these outcomes are the same, so the
 * assertions hold however the threads are scheduled. Deploys no network: a consortium without channels
 * removes a member without one. Concurrent reviews of a contract version, the same check-then-act,
 * count once too. Several rounds, since threads released together may still happen to run one after
 * the other (then the assertions hold as well).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProposalVotesScenario {
    private static final int OTHER_MEMBERS = 7;
    private static final int ROUNDS = 4;
    private static final int REVIEW_ROUNDS = 10;
    private PlatformRunner platform;
    private Api leader;
    private long consortium;
    /** Member organisations' ids and their admins, the leader's first. */
    private final List<Long> members = new ArrayList<>();
    private final List<Api> admins = new ArrayList<>();
    private ExecutorService voters;

    abstract TestDatabase database();

    @BeforeAll
    void setUp() {
        platform = new PlatformRunner(database()).start();
        Api admin = platform.admin();
        long lead = Fixtures.organization(admin, "lead");
        leader = Fixtures.member(admin, lead, "lead-admin", "ADMIN");
        consortium = Fixtures.consortium(leader, "votes");
        members.add(lead);
        admins.add(leader);
        for (int i = 1; i <= OTHER_MEMBERS; i++) {
            long organization = Fixtures.organization(admin, "member" + i);
            Api organizationAdmin = Fixtures.member(admin, organization, "member" + i + "-admin", "ADMIN");
            Api.Response invited = leader.post("/api/v1/consortia/" + consortium + "/invitations",
                    Json.of("organizationId", organization));
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
            Api.Response accepted = organizationAdmin.post("/api/v1/invitations/" + invited.json().get("id").asLong()
                    + "/accept", "");
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
            members.add(organization);
            admins.add(organizationAdmin);
        }
        voters = Executors.newFixedThreadPool(OTHER_MEMBERS + 1);
    }

    @AfterAll
    void tearDown() {
        if (voters != null) {
            voters.shutdownNow();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(2)
    void concurrent_votes_decide_once_and_the_removal_runs_once() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            int last = members.size() - 1;
            long removed = members.get(last);
            Api.Response proposed = leader.post("/api/v1/consortia/" + consortium + "/proposals",
                    Json.of("organizationId", removed));
            assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
            long proposal = proposed.json().get("id").asLong();
            int voting = members.size();
            int majority = voting / 2 + 1;
            // The organisation removed votes among the first: a vote of its arriving after the removal
            // was applied (fast, without a network) would be refused (404: no member any more, the
            // consortium is not its to see).
            List<Api> order = new ArrayList<>();
            order.add(admins.get(last));
            order.addAll(admins.subList(0, last));
            // one approval short of a majority, one after the other
            for (int i = 0; i < majority - 1; i++) {
                Api.Response vote = order.get(i).post(votePath(proposal), Json.of("approve", true));
                assertThat(vote.status()).as(vote.toString()).isEqualTo(200);
                assertThat(vote.json().get("status").asText()).as(vote.toString()).isEqualTo("PENDING");
            }
            // the rest at the same moment: any one of them decides
            List<Api> late = order.subList(majority - 1, voting);
            CyclicBarrier together = new CyclicBarrier(late.size());
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (Api voter : late) {
                answers.add(voters.submit(() -> {
                    together.await();
                    return voter.post(votePath(proposal), Json.of("approve", true));
                }));
            }
            List<Api.Response> accepted = new ArrayList<>();
            List<Api.Response> refused = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get();
                (response.status() == 200 ? accepted : refused).add(response);
            }
            String summary = "round " + round + ", proposal " + proposal + ": " + accepted + " / " + refused;
            assertThat(accepted).as("exactly one vote decides; " + summary).hasSize(1);
            assertThat(accepted.get(0).json().get("status").asText()).as(summary).isEqualTo("APPROVED");
            long decidedAt = accepted.get(0).json().get("decidedAt").asLong();
            assertThat(refused).as(summary).hasSize(late.size() - 1).allSatisfy(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(409);
                assertThat(r.contentType()).startsWith("application/problem+json");
            });

            JsonNode done = await("proposal " + proposal + " applied").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> leader.get("/api/v1/channel-proposals/" + proposal).json(),
                            p -> !List.of("PENDING", "APPROVED", "APPLYING").contains(p.get("status").asText()));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("APPLIED");
            assertThat(done.get("votes")).as(done.toString()).hasSize(majority);
            assertThat(done.get("decidedAt").asLong()).as("decided once").isEqualTo(decidedAt);
            List<JsonNode> removals = StreamSupport.stream(leader.get("/api/v1/consortia/" + consortium
                    + "/deployments").json().spliterator(), false)
                    .filter(d -> "REMOVE_MEMBER".equals(d.get("action").asText())).toList();
            assertThat(removals).as("one operation per removal so far: " + removals).hasSize(round + 1);
            List<JsonNode> history = StreamSupport.stream(leader.get("/api/v1/consortia/" + consortium
                    + "/history").json().spliterator(), false)
                    .filter(e -> e.get("organizationId").asLong() == removed && "REMOVED".equals(
                            e.get("event").asText())).toList();
            assertThat(history).as("removed once: " + history).hasSize(1);
            // a start refused afterwards leaves APPLIED alone
            Api.Response again = leader.post("/api/v1/channel-proposals/" + proposal + "/apply", "");
            assertThat(again.status()).as(again.toString()).isEqualTo(409);
            assertThat(leader.get("/api/v1/channel-proposals/" + proposal).json().get("status").asText())
                    .isEqualTo("APPLIED");
            members.remove(last);
            admins.remove(last);
        }
    }

    /**
     * The same check-then-act in the contract repository: admins review one uploaded version at the same
     * moment, half approving, half rejecting; exactly one review counts (the others 409) and the version
     * keeps that review, not whichever was written last.
     */
    @Test
    @Order(1) // while every member is in the consortium: the votes remove some
    void concurrent_reviews_of_a_version_count_once() throws Exception {
        String packages = "/api/v1/consortia/" + consortium + "/contract-packages";
        for (int round = 0; round < REVIEW_ROUNDS; round++) {
            Api.Response uploaded = leader.post(packages, Json.of("manifest", Json.of("name", "records",
                            "version", "1.0." + round, "description", "records", "functions", List.of(
                                    Json.of("name", "put", "query", false, "args", List.of(arg("id"), arg("value"))),
                                    Json.of("name", "get", "query", true, "args", List.of(arg("id"))),
                                    Json.of("name", "del", "query", false, "args", List.of(arg("id"))),
                                    Json.of("name", "list", "query", true, "args", List.of()))),
                    "module", java.util.Base64.getEncoder().encodeToString(records())));
            assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
            String review = packages + "/" + uploaded.json().get("id").asLong() + "/review";
            // the uploader may not approve their own version (a 403, not a lost race): the others review it
            List<Api> reviewers = admins.stream().filter(admin -> admin != leader).toList();
            CyclicBarrier together = new CyclicBarrier(reviewers.size());
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < reviewers.size(); i++) {
                Api reviewer = reviewers.get(i);
                String status = i % 2 == 0 ? "REVIEWED" : "REJECTED";
                answers.add(voters.submit(() -> {
                    together.await();
                    return reviewer.post(review, Json.of("status", status, "note", "round"));
                }));
            }
            List<Api.Response> accepted = new ArrayList<>();
            List<Api.Response> refused = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get();
                (response.status() == 200 ? accepted : refused).add(response);
            }
            String summary = "round " + round + ": " + accepted + " / " + refused;
            assertThat(accepted).as("exactly one review counts; " + summary).hasSize(1);
            assertThat(refused).as(summary).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(409));
            JsonNode counted = accepted.get(0).json();
            JsonNode stored = StreamSupport.stream(leader.get(packages).json().spliterator(), false)
                    .filter(p -> p.get("id").asLong() == counted.get("id").asLong()).findFirst().orElseThrow();
            assertThat(stored.get("reviewStatus").asText()).as(summary).isEqualTo(counted.get("reviewStatus").asText());
            assertThat(stored.get("reviewedBy").asText()).as(summary).isEqualTo(counted.get("reviewedBy").asText());
        }
    }

    private static java.util.Map<String, Object> arg(String name) {
        return Json.of("name", name, "type", "string");
    }

    private static byte[] records() throws java.io.IOException {
        try (java.io.InputStream in = ProposalVotesScenario.class.getResourceAsStream("/store/records.wasm")) {
            return in.readAllBytes();
        }
    }

    private static String votePath(long proposal) {
        return "/api/v1/channel-proposals/" + proposal + "/votes";
    }
}
