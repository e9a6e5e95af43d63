package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.crypto.Hashes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An organisation that joins after the network was deployed (its node deployed by DEPLOY_MEMBER)
 * is put into a NEW channel with the first members, and a transaction commits on it: the older
 * nodes trust its TLS root through the channel's configuration, as after an ADD_ORGANIZATION.
 * On SM2, whose TLS roots differ from the identity roots, the channel got no further than a
 * leader on the older nodes, which refused the new node's TLS certificate.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LateMemberChannelIT {
    private PlatformRunner platform;
    private Api alice;
    private long consortium;

    @BeforeAll
    void startPlatform() {
        platform = new PlatformRunner(TestDatabase.H2).start();
    }

    @AfterAll
    void stopEverything() {
        try {
            if (consortium != 0) {
                Api.Response deleted = alice.delete("/api/v1/consortia/" + consortium + "/network?confirm=Late");
                if (deleted.status() == 202) {
                    Waits.deployment(alice, deleted.json().get("id").asLong());
                }
            }
        } finally {
            platform.close();
        }
    }

    @Test
    void a_member_that_joined_after_deployment_is_in_a_new_channel_that_commits() {
        Api admin = platform.admin();
        long org1 = Fixtures.organization(admin, "org1");
        long org2 = Fixtures.organization(admin, "org2");
        long org3 = Fixtures.organization(admin, "org3");
        alice = Fixtures.member(admin, org1, "alice", "ADMIN");
        Api bob = Fixtures.member(admin, org2, "bob", "ADMIN");
        Api carol = Fixtures.member(admin, org3, "carol", "ADMIN");
        // SM2: its organisations' TLS roots are not their identity roots (on ECDSA one root serves both)
        Api.Response created = alice.post("/api/v1/consortia", Json.of("name", "Late", "signatureScheme", "SM2"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        consortium = created.json().get("id").asLong();
        Fixtures.accept(bob, invite(org2));
        Waits.deployed(alice, consortium);

        Fixtures.accept(carol, invite(org3));
        JsonNode deployMember = await("the late member's node deploys").atMost(Duration.ofMinutes(1)).until(() -> {
            for (JsonNode d : alice.get("/api/v1/consortia/" + consortium + "/deployments").json()) {
                if ("DEPLOY_MEMBER".equals(d.get("action").asText())) {
                    return d;
                }
            }
            return null;
        }, d -> d != null);
        JsonNode deployed = Waits.deployment(alice, deployMember.get("id").asLong());
        assertThat(deployed.get("status").asText()).as(deployed.toString()).isEqualTo("SUCCEEDED");

        Api.Response trade = alice.post("/api/v1/consortia/" + consortium + "/channels",
                Json.of("name", "trade", "organizationIds", List.of(org1, org2, org3)));
        assertThat(trade.status()).as(trade.toString()).isEqualTo(201);
        assertThat(trade.json().get("status").asText()).isEqualTo("ACTIVE");

        String hash = Hashes.hex(Hashes.sha256().digest("late-member".getBytes()));
        String notarizations = "/api/v1/consortia/" + consortium + "/channels/trade/notarizations";
        Api.Response notarized = carol.post(notarizations, Json.of("documentHash", hash));
        assertThat(notarized.status()).as("committed: " + notarized).isEqualTo(201);
        assertThat(notarized.json().get("blockNumber").asLong()).isPositive();
        // org1 reads through its own node, which applies the block a moment after carol's answered
        await("org1 reads it").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            Api.Response verified = alice.get(notarizations + "/" + hash);
            assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
            assertThat(verified.json().get("notarized").asBoolean()).as(verified.toString()).isTrue();
        });
    }

    private long invite(long organization) {
        return Fixtures.invite(alice, consortium, organization);
    }
}
