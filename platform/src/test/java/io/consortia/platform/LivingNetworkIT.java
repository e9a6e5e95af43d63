package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.CommitException;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.Identity;
import io.consortia.sdk.SubmitException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A living network on real local node processes, under continuous client load through the
 * platform's REST API the whole time: a third organisation invited after deployment accepts,
 * gets its node, is voted into the channel by both members and its node joins Raft (learner,
 * catch-up, voter); its users' transactions are valid; every node has the same block at every
 * height. Then a node is added and removed again (it leaves Raft first), one more is added with a
 * fresh id (never the removed node's) and catches up, and the third
 * organisation is voted out of the consortium: the network keeps committing, its node is no
 * longer a Raft member, its users are refused (its TLS certificates no longer complete a handshake
 * with the remaining nodes), and no acknowledged transaction is lost.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(StopAfterFirstFailure.class)
class LivingNetworkIT {
    private static final Duration CHANGE_TIMEOUT = Duration.ofMinutes(6);
    private static final String CHANNEL = "main";
    private PlatformRunner platform;
    private Api admin;
    private Api alice;
    private Api bob;
    private Api carol;
    private long org1;
    private long org2;
    private long org3;
    private long consortium;
    private Load load;
    private final List<X509Certificate> roots = new ArrayList<>();
    private final Map<String, NetworkProbe.Keys> keys = new HashMap<>();
    private final WebhookReceiver receiver = new WebhookReceiver().start();
    /** org3's application: a webhook subscription and an open event stream, both ended when org3 is voted out. */
    private long org3Subscription;
    private EventLines org3Stream;

    @BeforeAll
    void startPlatform() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        admin = platform.admin();
    }

    @AfterAll
    void stopEverything() {
        receiver.close();
        if (load != null) {
            load.stop();
        }
        if (platform != null) {
            try {
                if (consortium != 0) {
                    Api.Response deleted = alice.delete("/api/v1/consortia/" + consortium
                            + "/network?confirm=Living%20Network");
                    if (deleted.status() == 202) {
                        Waits.deployment(alice, deleted.json().get("id").asLong());
                    }
                }
            } finally {
                platform.close();
            }
        }
    }

    @Test
    @Order(1)
    void two_organisations_run_a_channel_under_continuous_load() {
        org1 = Fixtures.organization(admin, "org1");
        org2 = Fixtures.organization(admin, "org2");
        org3 = Fixtures.organization(admin, "org3");
        alice = Fixtures.member(admin, org1, "alice", "ADMIN");
        bob = Fixtures.member(admin, org2, "bob", "ADMIN");
        carol = Fixtures.member(admin, org3, "carol", "ADMIN");
        consortium = Fixtures.consortium(alice, "Living Network");
        Fixtures.accept(bob, invite(org2));
        JsonNode deployed = Waits.deployment(alice,
                alice.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}").json().get("id").asLong());
        assertThat(deployed.get("status").asText()).as(deployed.toString()).isEqualTo("SUCCEEDED");

        load = new Load(List.of(alice, bob));
        load.start();
        awaitMoreCommits("the load commits", 10);
    }

    @Test
    @Order(2)
    void an_organisation_accepted_after_deployment_gets_its_node_at_once() {
        long invitation = invite(org3);
        Fixtures.accept(carol, invitation);
        JsonNode deployment = Waits.started(alice, consortium, "DEPLOY_MEMBER");
        JsonNode finished = Waits.deployment(alice, deployment.get("id").asLong());
        assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("SUCCEEDED");
        assertThat(node(nodeId("org3", 0)).get("status").asText()).isEqualTo("RUNNING");
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/history").json())
                .extracting(e -> e.get("event").asText()).containsSubsequence("INVITED", "JOINED", "INVITED", "JOINED");
        roots.addAll(NetworkProbe.tlsRoots(alice, consortium, List.of(org1, org2, org3)));
    }

    @Test
    @Order(3)
    void approved_by_both_members_the_organisation_is_added_on_chain_and_its_node_catches_up() {
        int before = load.acknowledged();
        Api.Response proposed = alice.post(channelPath() + "/proposals", Json.of("organizationId", org3));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        long proposal = proposed.json().get("id").asLong();
        assertThat(bob.get("/console").body()).as("bob's dashboard asks for his vote")
                .contains("Add org3 to channel main");
        assertThat(carol.post(votePath(proposal), Json.of("approve", true)).status())
                .as("org3 is not in the channel yet, so it does not vote").isEqualTo(403);
        JsonNode afterBob = bob.post(votePath(proposal), Json.of("approve", true)).json();
        assertThat(afterBob.get("status").asText()).as("1 of 2 is no majority").isEqualTo("PENDING");
        JsonNode afterAlice = alice.post(votePath(proposal), Json.of("approve", true)).json();
        assertThat(afterAlice.get("status").asText()).isIn("APPROVED", "APPLYING", "APPLIED");

        JsonNode applied = awaitDecided(proposal);
        assertThat(applied.get("status").asText()).as(applied.toString()).isEqualTo("APPLIED");
        JsonNode operation = alice.get("/api/v1/deployments/" + applied.get("deploymentId").asLong()).json();
        assertThat(operation.get("status").asText()).as(operation.toString()).isEqualTo("SUCCEEDED");
        List<String> steps = new ArrayList<>();
        operation.get("steps").forEach(s -> steps.add(s.get("name").asText() + " -> " + s.get("detail").asText()));
        String newNode = nodeId("org3", 0);
        assertThat(steps).as(String.join("\n", steps))
                .anySatisfy(s -> assertThat(s).startsWith("Sign add organisation org3").contains("org1").contains("org2"))
                .anySatisfy(s -> assertThat(s).startsWith("Commit add organisation org3"))
                .anySatisfy(s -> assertThat(s).startsWith("Commit add node " + newNode + " as learner"))
                .anySatisfy(s -> assertThat(s).startsWith("Join " + newNode + " to channel main"))
                .anySatisfy(s -> assertThat(s).startsWith("Wait for " + newNode + " to catch up on main"))
                .anySatisfy(s -> assertThat(s).startsWith("Commit promote node " + newNode + " to voter"));
        System.out.println("Operation " + operation.get("id") + " (ADD_ORGANIZATION) steps:\n  "
                + String.join("\n  ", steps));
        assertThat(alice.get(channelPath()).json().get("organizationIds")).extracting(JsonNode::asLong)
                .containsExactlyInAnyOrder(org1, org2, org3);
        assertThat(load.acknowledged()).as("the load kept committing during the change").isGreaterThan(before);

        long deploymentId = applied.get("deploymentId").asLong();
        Api.Response page = alice.get("/console/consortia/" + consortium + "/proposals");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).contains("Add org3 to channel main").contains("Applied on chain")
                .contains("nodes?deployment=" + deploymentId);
        assertThat(alice.get("/console/consortia/" + consortium + "/channels/main").body())
                .contains("Add org3 to channel main").contains("Remove an organisation");
        Api.Response progress = alice.get("/console/consortia/" + consortium + "/nodes?deployment=" + deploymentId);
        assertThat(progress.body()).contains("Add an organisation to a channel").contains("Commit promote node");

        keys.put("org1", NetworkProbe.export(alice, Fixtures.password("alice"), org1, consortium, "org1"));
        keys.put("org2", NetworkProbe.export(bob, Fixtures.password("bob"), org2, consortium, "org2"));
        keys.put("org3", NetworkProbe.export(carol, Fixtures.password("carol"), org3, consortium, "org3"));
        ChannelStatus status = awaitStatus(newNode, "org3", s -> s.getConfigVersion() >= 4
                && !s.getLearnersList().contains(newNode));
        assertThat(status.getRemoved()).isFalse();
        ChannelStatus leaderView = awaitStatus(nodeId("org1", 0), "org1",
                s -> s.getPeersList().contains(newNode) && !s.getLearnersList().contains(newNode));
        assertThat(leaderView.getPeersList()).contains(nodeId("org1", 0), nodeId("org2", 0), newNode);
    }

    @Test
    @Order(4)
    void the_new_organisation_s_users_transactions_are_valid() {
        for (int i = 0; i < 3; i++) {
            Api.Response notarized = carol.post(channelPath() + "/notarizations",
                    Json.of("documentHash", Hashes.hex(Hashes.sha256().digest(("carol-" + i).getBytes()))));
            assertThat(notarized.status()).as(notarized.toString()).isEqualTo(201);
            load.acknowledge(notarized.json().get("transactionId").asText());
        }
        NetworkProbe.Keys org3Keys = keys.get("org3");
        Identity carolIdentity = NetworkProbe.export(carol, Fixtures.password("carol"), org3, consortium, "org3")
                .identity("USER", "carol");
        try (Gateway direct = NetworkProbe.gateway(node(nodeId("org3", 0)).get("apiAddress").asText(),
                carolIdentity, org3Keys, roots)) {
            String id = direct.channel(CHANNEL).contract("notarization")
                    .submit("record", Hashes.hex(Hashes.sha256().digest("carol-direct".getBytes())), "")
                    .transactionId();
            assertThat(direct.channel(CHANNEL).transaction(id).getTransaction().getCode()).isEqualTo(ValidationCode.VALID);
            load.acknowledge(id);
        }
        followEventsAsOrg3();
    }

    /** An application of org3 subscribes to TX_STATUS by webhook and holds a BLOCK stream open. */
    private void followEventsAsOrg3() {
        String applications = "/api/v1/organizations/" + org3 + "/applications";
        Api.Response registered = carol.post(applications, Json.of("consortiumId", consortium, "name", "org3-erp"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String application = applications + "/" + registered.json().get("id").asLong();
        Api.Response issued = carol.post(application + "/keys", Json.of("channels", List.of(CHANNEL),
                "contracts", List.of("*"), "functions", List.of("*")));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        io.consortia.sdk.gateway.GatewayClient client = io.consortia.sdk.gateway.GatewayClient.of(
                "http://127.0.0.1:" + platform.port(), issued.json().get("key").get("accessKeyId").asText(),
                issued.json().get("secretKey").asText());
        Api.Response subscribed = carol.post(application + "/subscriptions", Json.of("channel", CHANNEL,
                "kind", "TX_STATUS", "url", receiver.url()));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        org3Subscription = subscribed.json().get("id").asLong();
        org3Stream = EventLines.open(client, "/gateway/v1/events/stream?channel=" + CHANNEL + "&kind=BLOCK");
        await("org3's webhook and stream receive the load's events").atMost(Duration.ofMinutes(1))
                .until(() -> !receiver.of(org3Subscription).isEmpty() && org3Stream.text().contains("event: BLOCK"));
    }

    @Test
    @Order(5)
    void every_node_has_the_same_block_at_every_height() {
        awaitMoreCommits("the load commits with three organisations", 10);
        List<String> nodes = List.of(nodeId("org1", 0), nodeId("org2", 0), nodeId("org3", 0));
        assertSameChain(nodes, false);
    }

    @Test
    @Order(6)
    void a_node_added_to_an_organisation_joins_its_channel_and_a_removed_node_leaves_raft_first() {
        JsonNode added = Waits.deployment(alice, alice.post("/api/v1/consortia/" + consortium + "/organizations/"
                + org1 + "/nodes", "").json().get("id").asLong());
        assertThat(added.get("status").asText()).as(added.toString()).isEqualTo("SUCCEEDED");
        String extra = nodeId("org1", 1);
        awaitStatus(nodeId("org1", 0), "org1", s -> s.getPeersList().contains(extra)
                && !s.getLearnersList().contains(extra));

        int before = load.acknowledged();
        Api.Response removing = alice.delete("/api/v1/nodes/" + extra);
        assertThat(removing.status()).as(removing.toString()).isEqualTo(202);
        JsonNode removed = Waits.deployment(alice, removing.json().get("id").asLong());
        assertThat(removed.get("status").asText()).as(removed.toString()).isEqualTo("SUCCEEDED");
        List<String> steps = new ArrayList<>();
        removed.get("steps").forEach(s -> steps.add(s.get("name").asText()));
        System.out.println("Operation " + removed.get("id") + " (REMOVE_NODE) steps:\n  " + String.join("\n  ", steps));
        assertThat(steps).as("Raft first, then the process").containsSubsequence(
                steps.stream().filter(s -> s.startsWith("Commit demote node " + extra)).findFirst().orElse("demote"),
                steps.stream().filter(s -> s.startsWith("Commit remove node " + extra)).findFirst().orElse("remove"),
                "Stop " + extra, "Remove " + extra);
        for (String survivor : List.of(nodeId("org1", 0), nodeId("org2", 0), nodeId("org3", 0))) {
            String organization = survivor.split("-")[1];
            awaitStatus(survivor, organization, s -> !s.getPeersList().contains(extra)
                    && !s.getLearnersList().contains(extra));
        }
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/nodes").json())
                .extracting(n -> n.get("nodeId").asText()).doesNotContain(extra);
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/history").json())
                .extracting(e -> e.get("event").asText() + " " + e.get("detail").asText())
                .contains("NODE_ADDED " + extra + ": joined main", "NODE_REMOVED " + extra + ": left main");
        awaitMoreCommits("the network keeps committing after the node left", 5);
        assertThat(load.acknowledged()).isGreaterThan(before);

        // Added again: the removed node's id stays taken (the channel's peers remember the address
        // of a peer id, the new node's ports differ), so the new node gets a fresh one, joins and
        // catches up with the others.
        JsonNode again = Waits.deployment(alice, alice.post("/api/v1/consortia/" + consortium + "/organizations/"
                + org1 + "/nodes", "").json().get("id").asLong());
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("SUCCEEDED");
        again.get("steps").forEach(s -> assertThat(s.get("detail").asText("")).as(again.toString())
                .doesNotContain("not yet"));
        List<String> ids = new ArrayList<>();
        alice.get("/api/v1/consortia/" + consortium + "/nodes").json().forEach(n -> ids.add(n.get("nodeId").asText()));
        String fresh = nodeId("org1", 2);
        assertThat(ids).as("a new id, not the removed node's").contains(fresh).doesNotContain(extra);
        awaitStatus(nodeId("org1", 0), "org1", s -> s.getPeersList().contains(fresh)
                && !s.getLearnersList().contains(fresh));
        long othersHeight = List.of(nodeId("org1", 0), nodeId("org2", 0), nodeId("org3", 0)).stream()
                .mapToLong(this::apiHeight).max().orElseThrow();
        await(fresh + " reaches the others' height " + othersHeight).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1)).until(() -> apiHeight(fresh) >= othersHeight);
        JsonNode removedAgain = Waits.deployment(alice, alice.delete("/api/v1/nodes/" + fresh).json().get("id").asLong());
        assertThat(removedAgain.get("status").asText()).as(removedAgain.toString()).isEqualTo("SUCCEEDED");
        for (String survivor : List.of(nodeId("org1", 0), nodeId("org2", 0), nodeId("org3", 0))) {
            awaitStatus(survivor, survivor.split("-")[1], s -> !s.getPeersList().contains(fresh)
                    && !s.getLearnersList().contains(fresh));
        }
    }

    /** The node's height of the channel as the platform's API shows it (0 while it has none). */
    private long apiHeight(String nodeId) {
        JsonNode heights = node(nodeId).get("heights");
        return heights == null || !heights.has(CHANNEL) ? 0 : heights.get(CHANNEL).asLong();
    }

    @Test
    @Order(7)
    void an_organisation_voted_out_leaves_raft_and_its_users_are_refused() throws Exception {
        X509Certificate org3Root = NetworkProbe.tlsRoots(alice, consortium, List.of(org3)).get(0);
        // a node deployed while org3 is a member: its tls-roots.pem lists org3's root
        JsonNode added = Waits.deployment(bob, bob.post("/api/v1/consortia/" + consortium + "/organizations/"
                + org2 + "/nodes", "").json().get("id").asLong());
        assertThat(added.get("status").asText()).as(added.toString()).isEqualTo("SUCCEEDED");
        awaitStatus(nodeId("org2", 0), "org2", s -> s.getPeersList().contains(nodeId("org2", 1))
                && !s.getLearnersList().contains(nodeId("org2", 1)));
        Identity carolIdentity = NetworkProbe.export(carol, Fixtures.password("carol"), org3, consortium, "org3")
                .identity("USER", "carol");
        String removedNode = nodeId("org3", 0);
        Api.Response proposed = alice.post("/api/v1/consortia/" + consortium + "/proposals",
                Json.of("organizationId", org3));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        assertThat(proposed.json().get("kind").asText()).isEqualTo("REMOVE_MEMBER");
        long proposal = proposed.json().get("id").asLong();
        assertThat(bob.post(votePath(proposal), Json.of("approve", true)).json().get("status").asText())
                .as("1 of 3 is no majority").isEqualTo("PENDING");
        alice.post(votePath(proposal), Json.of("approve", true));
        JsonNode applied = awaitDecided(proposal);
        assertThat(applied.get("status").asText()).as(applied.toString()).isEqualTo("APPLIED");

        for (String survivor : List.of(nodeId("org1", 0), nodeId("org2", 0))) {
            awaitStatus(survivor, survivor.split("-")[1], s -> !s.getPeersList().contains(removedNode)
                    && !s.getLearnersList().contains(removedNode));
        }
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/nodes").json())
                .extracting(n -> n.get("nodeId").asText()).doesNotContain(removedNode);
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/members").json())
                .extracting(m -> m.get("name").asText()).containsExactly("org1", "org2");
        assertThat(alice.get(channelPath()).json().get("organizationIds")).extracting(JsonNode::asLong)
                .containsExactlyInAnyOrder(org1, org2);
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/history").json())
                .extracting(e -> e.get("event").asText()).contains("REMOVED_FROM_CHANNEL", "REMOVED");
        assertThat(alice.get("/console/consortia/" + consortium + "/members").body())
                .contains("Removed from the consortium").contains("Removed from a channel").contains("channel main");
        assertThat(bob.get("/console/consortia/" + consortium + "/proposals").body())
                .contains("Remove org3 from the consortium");

        // Carol signs with her (still unexpired) certificate, sent over a member's TLS connection:
        // the chain no longer knows her organisation.
        try (Gateway direct = NetworkProbe.gateway(node(nodeId("org1", 0)).get("apiAddress").asText(),
                carolIdentity, keys.get("org1"), roots)) {
            Throwable refused = catchThrowable(() -> direct.channel(CHANNEL).contract("notarization")
                    .submit("record", Hashes.hex(Hashes.sha256().digest("carol-after".getBytes())), ""));
            ValidationCode code = refused instanceof SubmitException s ? s.code()
                    : refused instanceof CommitException c ? c.code() : null;
            assertThat(code).as(String.valueOf(refused)).isEqualTo(ValidationCode.UNKNOWN_ORGANIZATION);
        }
        // org3's own TLS certificate no longer completes a handshake with the remaining nodes, and
        // their tls-roots.pem (org2-1's listed it) lists the members now, so that a restart keeps it so;
        // each running node read it again at once (a node that never shared a channel with org3
        // learns of its removal only from there)
        List<String> removal = new ArrayList<>();
        alice.get("/api/v1/deployments/" + applied.get("deploymentId").asLong()).json().get("steps")
                .forEach(s -> removal.add(s.get("name").asText() + " -> " + s.get("detail").asText()));
        for (String survivor : List.of(nodeId("org1", 0), nodeId("org2", 0), nodeId("org2", 1))) {
            assertThat(removal).as(String.join("\n", removal)).contains("Reload the trusted TLS roots on " + survivor
                    + " -> the node now trusts 2 TLS roots (its bundle's and its channels', less those of"
                    + " organisations they removed) at new handshakes");
        }
        for (String survivor : List.of(nodeId("org1", 0), nodeId("org2", 0), nodeId("org2", 1))) {
            java.nio.file.Path bundle = platform.dataDir().resolve("networks").resolve("consortium-" + consortium)
                    .resolve(survivor).resolve("tls-roots.pem");
            assertThat(io.consortia.crypto.Pem.readCertificates(java.nio.file.Files.readString(bundle)))
                    .as(survivor + "'s tls-roots.pem").hasSize(2).doesNotContain(org3Root);
            try (Gateway own = NetworkProbe.gateway(node(survivor).get("apiAddress").asText(), carolIdentity,
                    keys.get("org3"), roots)) {
                Throwable refused = catchThrowable(() -> own.channel(CHANNEL).chainInfo());
                assertThat(refused).as(survivor).isInstanceOf(GatewayException.class);
                assertThat(((GatewayException) refused).status()).as(survivor + ": " + refused)
                        .map(io.grpc.Status::getCode).contains(io.grpc.Status.Code.UNAVAILABLE);
            }
        }
        Api.Response viaPlatform = carol.post(channelPath() + "/notarizations",
                Json.of("documentHash", Hashes.hex(Hashes.sha256().digest("carol-rest".getBytes()))));
        // no longer a member: to org3's users the consortium answers as one that does not exist
        assertThat(viaPlatform.status()).as(viaPlatform.toString()).isEqualTo(404);
        awaitMoreCommits("the network keeps committing without the organisation", 5);

        // org3's application hears nothing more: its stream ended saying why, its subscription is paused
        org3Stream.awaitEnd(Duration.ofSeconds(30));
        assertThat(org3Stream.text()).contains("event: end").contains("no longer a member");
        String subscription = "/api/v1/organizations/" + org3 + "/applications/"
                + carol.get("/api/v1/organizations/" + org3 + "/applications").json().get(0).get("id").asLong()
                + "/subscriptions/" + org3Subscription;
        JsonNode paused = await("org3's subscription is paused").atMost(Duration.ofSeconds(30))
                .until(() -> carol.get(subscription).json(), s -> s.get("status").asText().equals("PAUSED"));
        assertThat(paused.get("lastError").asText()).startsWith("Paused by the platform: ").contains("no longer a member");
        int received = receiver.of(org3Subscription).size();
        awaitMoreCommits("more blocks commit after the pause", 3);
        assertThat(receiver.of(org3Subscription)).hasSize(received);
        assertThat(carol.post(subscription + "/resume", "").status()).as("resuming cannot help").isEqualTo(409);
    }

    @Test
    @Order(8)
    void no_acknowledged_transaction_is_lost_and_the_remaining_nodes_agree_on_every_block() {
        load.stop();
        System.out.println("Load: " + load.acknowledged() + " transactions acknowledged, " + load.failures()
                + " calls not acknowledged");
        assertThat(load.failures()).as("load calls that were not acknowledged (allowed, never lost)")
                .isLessThan(load.acknowledged());
        List<String> nodes = List.of(nodeId("org1", 0), nodeId("org2", 0));
        // the load has stopped: wait until both nodes have every block, since bob's transactions were
        // acknowledged by org2's node and are read below through org1's
        long height = assertSameChain(nodes, true);
        Set<String> valid = new HashSet<>();
        try (Gateway reader = reader(nodeId("org1", 0))) {
            for (long number = 0; number < height; number++) {
                Block block = reader.channel(CHANNEL).blockByNumber(number);
                for (BlockTransaction tx : block.getTransactionsList()) {
                    if (tx.getCode() == ValidationCode.VALID) {
                        valid.add(tx.getTransactionId());
                    }
                }
            }
        }
        assertThat(load.acknowledgedIds()).isNotEmpty();
        assertThat(valid).as("every acknowledged transaction is on the chain as VALID")
                .containsAll(load.acknowledgedIds());
    }

    @Test
    @Order(9)
    void refused_requests_change_nothing() {
        int proposals = alice.get("/api/v1/consortia/" + consortium + "/proposals").json().size();
        assertProblem(alice.post(channelPath() + "/proposals", Json.of("organizationId", org2, "kind", "REMOVE_MEMBER")),
                400, "REMOVE_MEMBER on the consortium");
        assertProblem(alice.post(channelPath() + "/proposals", Json.of("organizationId", org2, "kind", "BOGUS")),
                400, "");
        assertProblem(alice.post(channelPath() + "/proposals", Json.of("organizationId", org2)), 409,
                "already in channel");
        assertProblem(bob.post(channelPath() + "/proposals", Json.of("organizationId", org2,
                "kind", "REMOVE_ORGANIZATION")), 403, "leader");
        assertProblem(alice.post("/api/v1/consortia/" + consortium + "/proposals", Json.of("organizationId", org1)),
                409, "leading organisation");
        long applied = alice.get("/api/v1/consortia/" + consortium + "/proposals").json().get(0).get("id").asLong();
        assertProblem(alice.post("/api/v1/channel-proposals/" + applied + "/apply", ""), 409, "APPLIED");
        assertProblem(bob.post("/api/v1/channel-proposals/" + applied + "/apply", ""), 403, "leader");
        assertProblem(alice.delete("/api/v1/nodes/no-such-node"), 404, "");
        // org3 was voted out: another consortium's node is to carol a node no one has
        assertProblem(carol.delete("/api/v1/nodes/" + nodeId("org1", 0)), 404, "does not exist");
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/proposals").json()).hasSize(proposals);
        assertThat(alice.get(channelPath()).json().get("organizationIds")).extracting(JsonNode::asLong)
                .containsExactlyInAnyOrder(org1, org2);
        assertThat(alice.get("/api/v1/consortia/" + consortium + "/nodes").json()).hasSize(3);
    }

    private static void assertProblem(Api.Response response, int status, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains(detail);
    }

    /**
     * Compares the nodes' block hashes at every height they all have; {@code settled} (no load any more):
     * first waits until they all have the same height, so the chain compared is every node's whole chain.
     */
    private long assertSameChain(List<String> nodes, boolean settled) {
        Map<String, Gateway> readers = new HashMap<>();
        try {
            nodes.forEach(n -> readers.put(n, reader(n)));
            long height = await("the nodes reach a common height").atMost(Duration.ofMinutes(2))
                    .until(() -> {
                        java.util.LongSummaryStatistics heights = readers.values().stream()
                                .mapToLong(g -> g.channel(CHANNEL).chainInfo().getHeight()).summaryStatistics();
                        return settled && heights.getMin() != heights.getMax() ? 0 : heights.getMin();
                    }, h -> h > 1);
            List<String> reference = null;
            for (String node : nodes) {
                List<String> hashes = NetworkProbe.hashes(readers.get(node), CHANNEL, height);
                if (reference == null) {
                    reference = hashes;
                } else {
                    assertThat(hashes).as("blocks 0.." + (height - 1) + " on " + node).isEqualTo(reference);
                }
            }
            return height;
        } finally {
            readers.values().forEach(Gateway::close);
        }
    }

    private Gateway reader(String nodeId) {
        String organization = nodeId.split("-")[1];
        NetworkProbe.Keys own = keys.get(organization);
        return NetworkProbe.gateway(node(nodeId).get("apiAddress").asText(), own.identity("ADMIN", null), own, roots);
    }

    private ChannelStatus awaitStatus(String nodeId, String organization,
            java.util.function.Predicate<ChannelStatus> condition) {
        String address = node(nodeId).get("apiAddress").asText();
        return await(nodeId + "'s Raft view").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> NetworkProbe.status(address, keys.get(organization), roots, CHANNEL).orElse(null),
                        s -> s != null && condition.test(s));
    }

    private void awaitMoreCommits(String why, int more) {
        int target = load.acknowledged() + more;
        await(why).atMost(Duration.ofMinutes(2)).until(() -> load.acknowledged() >= target);
    }

    private JsonNode awaitDecided(long proposal) {
        return await("proposal " + proposal + " applied").atMost(CHANGE_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> alice.get("/api/v1/channel-proposals/" + proposal).json(),
                        p -> !List.of("PENDING", "APPROVED", "APPLYING").contains(p.get("status").asText()));
    }

    private long invite(long organization) {
        return Fixtures.invite(alice, consortium, organization);
    }

    private JsonNode node(String nodeId) {
        for (JsonNode n : alice.get("/api/v1/consortia/" + consortium + "/nodes").json()) {
            if (nodeId.equals(n.get("nodeId").asText())) {
                return n;
            }
        }
        throw new AssertionError("no node " + nodeId);
    }

    private String nodeId(String organization, int index) {
        return "c" + consortium + "-" + organization + "-" + index;
    }

    private String channelPath() {
        return "/api/v1/consortia/" + consortium + "/channels/" + CHANNEL;
    }

    private static String votePath(long proposal) {
        return "/api/v1/channel-proposals/" + proposal + "/votes";
    }

    /** Clients notarizing through the platform's REST API without pause, each acknowledged id remembered. */
    static final class Load {
        private final List<Api> clients;
        private final AtomicBoolean running = new AtomicBoolean();
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final AtomicInteger failures = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();

        Load(List<Api> clients) {
            this.clients = clients;
        }

        void start() {
            running.set(true);
            for (int c = 0; c < clients.size(); c++) {
                Api client = clients.get(c);
                String prefix = "load-" + c + "-";
                Thread thread = new Thread(() -> {
                    for (int i = 0; running.get(); i++) {
                        String hash = Hashes.hex(Hashes.sha256().digest((prefix + i).getBytes()));
                        Api.Response response = client.post(
                                "/api/v1/consortia/" + consortiumOf(client) + "/channels/" + CHANNEL + "/notarizations",
                                Json.of("documentHash", hash));
                        if (response.status() == 201) {
                            acknowledged.add(response.json().get("transactionId").asText());
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                }, "load-" + c);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        private long consortium = -1;

        private long consortiumOf(Api client) {
            if (consortium < 0) {
                consortium = client.get("/api/v1/consortia").json().get(0).get("id").asLong();
            }
            return consortium;
        }

        void acknowledge(String transactionId) {
            acknowledged.add(transactionId);
        }

        int acknowledged() {
            return acknowledged.size();
        }

        Set<String> acknowledgedIds() {
            return Set.copyOf(acknowledged);
        }

        int failures() {
            return failures.get();
        }

        void stop() {
            running.set(false);
            for (Thread thread : threads) {
                try {
                    thread.join(Duration.ofMinutes(1).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            threads.clear();
        }
    }
}
