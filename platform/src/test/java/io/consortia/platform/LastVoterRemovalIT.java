package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Hashes;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.deploy.NodeHealth;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.Nodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Deleting a node that is the last voter of one of its channels, on a real local network of
 * 2 organisations x 1 node with a second channel whose only organisation is org2: refused up front
 * (409 naming the channel, nothing changed, no operation), rather than after the node already left
 * its other channels on chain (tl #13). The node still votes in and serves both channels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LastVoterRemovalIT {
    private static final Set<String> VOTING = Set.of("LEADER", "FOLLOWER", "CANDIDATE");
    private PlatformRunner platform;
    private Api alice; // org1 admin, consortium leader
    private Api bob;   // org2 admin
    private long consortium;

    @BeforeAll
    void startPlatform() {
        platform = new PlatformRunner(TestDatabase.H2).start();
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            try {
                if (consortium != 0) {
                    Api.Response deleted = alice.delete("/api/v1/consortia/" + consortium
                            + "/network?confirm=Last%20Voter");
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
    void the_last_voter_of_a_channel_is_refused_up_front_and_keeps_serving_every_channel() {
        Api admin = platform.admin();
        long org1 = Fixtures.organization(admin, "org1");
        long org2 = Fixtures.organization(admin, "org2");
        alice = Fixtures.member(admin, org1, "alice", "ADMIN");
        bob = Fixtures.member(admin, org2, "bob", "ADMIN");
        consortium = Fixtures.consortium(alice, "Last Voter");
        alice.post("/api/v1/consortia/" + consortium + "/invitations", Json.of("organizationId", org2));
        long invitation = bob.get("/api/v1/invitations").json().get(0).get("id").asLong();
        assertThat(bob.post("/api/v1/invitations/" + invitation + "/accept", "").status()).isEqualTo(200);
        JsonNode deployed = Waits.deployment(alice, alice.post("/api/v1/consortia/" + consortium
                + "/network/deploy", "{}").json().get("id").asLong());
        assertThat(deployed.get("status").asText()).as(deployed.toString()).isEqualTo("SUCCEEDED");
        // "main" has both organisations; "solo" only org2, whose only node is its last voter.
        Api.Response solo = alice.post("/api/v1/consortia/" + consortium + "/channels",
                Json.of("name", "solo", "organizationIds", List.of(org2)));
        assertThat(solo.status()).as(solo.toString()).isEqualTo(201);
        String nodeId = "c" + consortium + "-org2-0";
        NodeRecord node = platform.bean(Nodes.class).byNodeId(nodeId).orElseThrow();
        await("org2's node votes in both channels").atMost(Duration.ofMinutes(1))
                .until(() -> votesIn(node, "main") && votesIn(node, "solo"));
        List<String> operationsBefore = operations();

        Api.Response deleting = bob.delete("/api/v1/nodes/" + nodeId);

        assertThat(deleting.status()).as(deleting.toString()).isEqualTo(409);
        assertThat(deleting.contentType()).startsWith("application/problem+json");
        assertThat(deleting.json().get("detail").asText())
                .contains("Node " + nodeId + " is the last voter of channel(s) solo;")
                .contains("a channel keeps at least one voter")
                .contains("Add another node of its organisation first")
                .doesNotContain("main");
        // Nothing changed: no operation, the node is still a peer of both channels and votes in both.
        assertThat(operations()).isEqualTo(operationsBefore);
        ChannelService channels = platform.bean(ChannelService.class);
        for (String channel : List.of("main", "solo")) {
            assertThat(channels.peers(channels.require(consortium, channel))).extracting(NodeRecord::nodeId)
                    .as(channel).contains(nodeId);
            assertThat(votesIn(node, channel)).as(nodeId + " votes in " + channel).isTrue();
        }
        // and it keeps serving the channel shared with org1: its height follows a new block there.
        long before = height(node, "main");
        String hash = Hashes.hex(Hashes.sha256().digest("after the refused deletion".getBytes()));
        Api.Response notarized = alice.post("/api/v1/consortia/" + consortium + "/channels/main/notarizations",
                Json.of("documentHash", hash));
        assertThat(notarized.status()).as(notarized.toString()).isEqualTo(201);
        await("org2's node follows main").atMost(Duration.ofMinutes(1)).until(() -> height(node, "main") > before);
        assertThat(platform.bean(Nodes.class).byNodeId(nodeId)).isPresent();
    }

    private List<String> operations() {
        List<String> operations = new ArrayList<>();
        alice.get("/api/v1/consortia/" + consortium + "/deployments").json()
                .forEach(d -> operations.add(d.get("id").asText() + " " + d.get("action").asText()));
        return operations;
    }

    private static boolean votesIn(NodeRecord node, String channel) {
        return new NodeHealth().read(node).map(r -> VOTING.contains(r.roles().get(channel))).orElse(false);
    }

    private static long height(NodeRecord node, String channel) {
        return new NodeHealth().read(node).map(NodeHealth.Report::heights).map(h -> h.getOrDefault(channel, 0L))
                .orElse(0L);
    }
}
