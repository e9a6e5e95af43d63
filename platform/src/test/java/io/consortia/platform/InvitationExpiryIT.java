package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * consortia.invitations.validity, set short, through the REST API: an unanswered invitation
 * reads EXPIRED to the leader and to the invited bank, cannot be accepted, and the leader invites
 * the bank again. (InvitationServiceTest covers the edges with a clock it moves.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationExpiryIT {
    private PlatformRunner platform;
    private Api li;
    private Api zhao;
    private long bank;
    private long consortium;

    @BeforeAll
    void start() {
        platform = new PlatformRunner(TestDatabase.H2).with("consortia.invitations.validity", "2s").start();
        Api admin = platform.admin();
        long leader = Fixtures.organization(admin, "li-bank");
        bank = Fixtures.organization(admin, "zhao-bank");
        li = Fixtures.member(admin, leader, "li-admin", "ADMIN");
        zhao = Fixtures.member(admin, bank, "zhao-admin", "ADMIN");
        consortium = Fixtures.consortium(li, "Expiring Alliance");
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void an_unanswered_invitation_expires_and_the_leader_invites_again() {
        String invitations = "/api/v1/consortia/" + consortium + "/invitations";
        long invitation = Fixtures.invite(li, consortium, bank);
        JsonNode sent = li.get(invitations).json().get(0);
        assertThat(sent.get("expiresAt").asLong() - sent.get("createdAt").asLong()).isEqualTo(2_000);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(li.get(invitations).json().get(0).get("status").asText()).isEqualTo("EXPIRED"));
        JsonNode received = zhao.get("/api/v1/invitations").json().get(0);
        assertThat(received.get("status").asText()).isEqualTo("EXPIRED");
        Api.Response late = zhao.post("/api/v1/invitations/" + invitation + "/accept", "");
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.json().get("detail").asText()).contains("expired", "can invite the organisation again");
        assertThat(zhao.get("/api/v1/consortia/" + consortium).status()).as("not a member").isEqualTo(404);

        Api.Response again = li.post(invitations, Json.of("organizationId", bank));
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
    }
}
