package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.platform.custody.KeyBundle;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every role tried against what it must not do gets 403 (401 without sign-in), and nothing
 * changes; organisations' private data (keys, members) stays private; custody never returns a
 * private key except inside an encrypted export for the organisation's own admin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoleChecksScenario {
    private PlatformRunner platform;
    private Api admin;
    private Api auditor;
    private Api aAdmin;
    private Api aMember;
    private Api bAdmin;
    private Api bMember;
    private Api cAdmin;
    private long orgA;
    private long orgB;
    private long orgC;
    private long consortium;
    private long invitationToC;

    abstract TestDatabase database();

    @BeforeAll
    void setUp() {
        platform = new PlatformRunner(database()).start();
        admin = platform.admin();
        orgA = Fixtures.organization(admin, "alpha");
        orgB = Fixtures.organization(admin, "beta");
        orgC = Fixtures.organization(admin, "gamma");
        aAdmin = Fixtures.member(admin, orgA, "alpha-admin", "ADMIN");
        aMember = Fixtures.member(aAdmin, orgA, "alpha-member", "MEMBER");
        bAdmin = Fixtures.member(admin, orgB, "beta-admin", "ADMIN");
        bMember = Fixtures.member(bAdmin, orgB, "beta-member", "MEMBER");
        cAdmin = Fixtures.member(admin, orgC, "gamma-admin", "ADMIN");
        auditor = Fixtures.auditor(admin, "auditor");
        consortium = Fixtures.consortium(aAdmin, "Alpha Alliance");
        invitationToC = aAdmin.post("/api/v1/consortia/" + consortium + "/invitations",
                Json.of("organizationId", orgC)).json().get("id").asLong();
    }

    @AfterAll
    void tearDown() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void the_auditor_reads_everything_and_changes_nothing() {
        assertThat(auditor.get("/api/v1/organizations").status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/consortia/" + consortium).status()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/organizations/" + orgA + "/members").status()).isEqualTo(200);
        unchanged(() -> List.of(
                auditor.post("/api/v1/organizations", Json.of("name", "sneaky")),
                auditor.post("/api/v1/users", Json.of("username", "sneaky", "password", "long-enough-password",
                        "platformRole", "ADMIN")),
                auditor.post("/api/v1/consortia", Json.of("name", "Sneaky", "signatureScheme", "SM2")),
                auditor.post("/api/v1/consortia/" + consortium + "/invitations", Json.of("organizationId", orgB)),
                auditor.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}"),
                auditor.post("/api/v1/organizations/" + orgA + "/keys/export", exportRequest("auditor")),
                auditor.post("/api/v1/invitations/" + invitationToC + "/decline", ""),
                auditor.post("/api/v1/consortia/" + consortium + "/contract-packages", Json.of("manifest",
                        Json.of("name", "sneaky", "version", "1"), "module", "AGFzbQEAAAA="))));
    }

    @Test
    void the_auditors_one_write_is_reviewing_a_contract_version() {
        // past the read-only gate to the service, which knows no such version: 404, not the gate's 403
        Api.Response review = auditor.post("/api/v1/consortia/" + consortium + "/contract-packages/999999/review",
                Json.of("status", "REVIEWED"));
        assertThat(review.status()).as(review.toString()).isEqualTo(404);
        assertThat(review.json().get("type").asText()).isEqualTo("urn:consortia:problem:not-found");
    }

    @Test
    void the_platform_admin_runs_the_platform_but_acts_for_no_organisation() {
        unchanged(() -> List.of(
                admin.post("/api/v1/consortia", Json.of("name", "Admin Made", "signatureScheme", "SM2")),
                admin.post("/api/v1/consortia/" + consortium + "/invitations", Json.of("organizationId", orgB)),
                admin.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}"),
                admin.post("/api/v1/organizations/" + orgA + "/keys/export",
                        Json.of("passphrase", "long passphrase!", "currentPassword", PlatformRunner.ADMIN_PASSWORD)),
                admin.post("/api/v1/invitations/" + invitationToC + "/accept", "")));
    }

    @Test
    void an_organisation_member_cannot_administer() {
        unchanged(() -> List.of(
                aMember.post("/api/v1/consortia", Json.of("name", "Member Made", "signatureScheme", "ECDSA_P256")),
                aMember.post("/api/v1/consortia/" + consortium + "/invitations", Json.of("organizationId", orgB)),
                aMember.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}"),
                aMember.post("/api/v1/organizations/" + orgA + "/members", Json.of("username", "friend",
                        "password", "long-enough-password", "role", "ADMIN")),
                aMember.post("/api/v1/organizations/" + orgA + "/keys/export", exportRequest("alpha-member")),
                aMember.post("/api/v1/organizations", Json.of("name", "member-org"))));
    }

    @Test
    void an_admin_of_another_organisation_is_not_the_consortium_leader() {
        // not a member: the consortium's actions answer as for an id no consortium has
        unchanged(404, () -> List.of(
                bAdmin.post("/api/v1/consortia/" + consortium + "/invitations", Json.of("organizationId", orgB)),
                bAdmin.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}"),
                bAdmin.post("/api/v1/consortia/" + consortium + "/network/stop", ""),
                bAdmin.delete("/api/v1/consortia/" + consortium + "/network?confirm=Alpha%20Alliance"),
                bAdmin.post("/api/v1/consortia/" + consortium + "/channels", Json.of("name", "mine"))));
        unchanged(() -> List.of(
                bAdmin.post("/api/v1/invitations/" + invitationToC + "/accept", ""),
                bAdmin.post("/api/v1/organizations/" + orgA + "/members", Json.of("username", "intruder",
                        "password", "long-enough-password", "role", "ADMIN")),
                bAdmin.post("/api/v1/users", Json.of("username", "intruder2", "password", "long-enough-password",
                        "organizationId", orgA, "organizationRole", "ADMIN")),
                bAdmin.post("/api/v1/users", Json.of("username", "root2", "password", "long-enough-password",
                        "platformRole", "ADMIN")),
                bAdmin.post("/api/v1/organizations/" + orgA + "/keys/export", exportRequest("beta-admin"))));
    }

    @Test
    void a_user_of_one_organisation_cannot_read_another_organisations_keys_members_or_consortia() {
        for (Api outsider : List.of(bAdmin, bMember)) {
            assertThat(outsider.get("/api/v1/organizations/" + orgA + "/keys").status()).isEqualTo(403);
            assertThat(outsider.get("/api/v1/organizations/" + orgA + "/members").status()).isEqualTo(403);
            // a consortium not theirs answers as one that does not exist: its id tells them nothing
            assertSameAsAbsent(outsider, "/api/v1/consortia/{id}");
            assertSameAsAbsent(outsider, "/api/v1/consortia/{id}/members");
            assertSameAsAbsent(outsider, "/api/v1/consortia/{id}/nodes");
            assertSameAsAbsent(outsider, "/api/v1/consortia/{id}/overview");
            assertThat(outsider.get("/api/v1/users").status()).isEqualTo(403);
            assertThat(outsider.get("/api/v1/consortia").json()).isEmpty();
        }
        assertThat(aMember.get("/api/v1/organizations/" + orgA + "/members").status()).isEqualTo(200);
        assertThat(bMember.get("/api/v1/organizations/" + orgB + "/members").json())
                .extracting(u -> u.get("username").asText()).containsExactly("beta-admin", "beta-member");
    }

    @Test
    void a_user_outside_ones_organisation_answers_as_a_name_no_one_has() {
        String before = snapshot();
        for (Api outsider : List.of(bAdmin, bMember)) {
            JsonNode nobody = outsider.delete("/api/v1/users/nobody.here").json();
            assertThat(nobody.get("status").asInt()).isEqualTo(404);
            assertThat(nobody.get("detail").asText()).isEqualTo("User nobody.here does not exist");
            // another organisation's admin and member, an auditor, the platform admin: the same 404
            for (String name : List.of("alpha-admin", "alpha-member", "auditor", "admin")) {
                Api.Response answer = outsider.delete("/api/v1/users/" + name);
                assertThat(answer.status()).as(name + ": " + answer).isEqualTo(404);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.json().get("type")).isEqualTo(nobody.get("type"));
                assertThat(answer.json().get("title")).isEqualTo(nobody.get("title"));
                assertThat(answer.json().get("detail").asText()).isEqualTo("User " + name + " does not exist");
            }
        }
        // within one's own organisation, and for the platform admin, the answers stay as they were
        Api.Response colleague = bMember.delete("/api/v1/users/beta-admin");
        assertThat(colleague.status()).as(colleague.toString()).isEqualTo(403);
        assertThat(colleague.json().get("detail").asText()).isEqualTo("Only an admin of organisation " + orgB
                + " may do this");
        assertThat(admin.delete("/api/v1/users/nobody.here").status()).isEqualTo(404);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void keys_are_listed_without_private_parts_and_exported_only_encrypted_to_the_own_admin() throws Exception {
        Api.Response keys = aAdmin.get("/api/v1/organizations/" + orgA + "/keys");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json()).isNotEmpty();
        assertThat(keys.body()).doesNotContain("PRIVATE KEY").doesNotContain("sealed");

        Api.Response exported = aAdmin.post("/api/v1/organizations/" + orgA + "/keys/export",
                Json.of("passphrase", "correct horse battery staple", "currentPassword",
                        Fixtures.password("alpha-admin")));
        assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
        assertThat(exported.body()).doesNotContain("PRIVATE KEY");
        KeyBundle bundle = Api.JSON.treeToValue(exported.json(), KeyBundle.class);
        List<KeyBundle.Entry> entries = KeyBundle.open(bundle, "correct horse battery staple".toCharArray());
        assertThat(entries).extracting(KeyBundle.Entry::purpose).contains("CA_ROOT", "ADMIN", "CLIENT_TLS");
        assertThat(entries).allSatisfy(e -> assertThat(e.privateKeyPem()).contains("PRIVATE KEY"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyBundle.open(bundle, "wrong".toCharArray()))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void requests_without_a_valid_sign_in_get_401() {
        Api anonymous = platform.api();
        assertThat(anonymous.get("/api/v1/consortia").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/organizations", Json.of("name", "anon")).status()).isEqualTo(401);
        assertThat(anonymous.as("cst_not-a-real-token").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/auth/login", Json.of("username", "admin", "password", "wrong-password"))
                .status()).isEqualTo(401);
        Api.Response problem = anonymous.get("/api/v1/me");
        assertThat(problem.contentType()).startsWith("application/problem+json");
        assertThat(admin.get("/api/v1/organizations").json()).hasSize(3);
    }

    @Test
    void an_invitation_is_decided_only_by_the_invited_organisations_admin() {
        long invitation = aAdmin.post("/api/v1/consortia/" + consortium + "/invitations",
                Json.of("organizationId", orgB)).json().get("id").asLong();
        assertThat(bMember.post("/api/v1/invitations/" + invitation + "/accept", "").status()).isEqualTo(403);
        assertThat(aAdmin.post("/api/v1/invitations/" + invitation + "/accept", "").status()).isEqualTo(403);
        Api.Response declined = bAdmin.post("/api/v1/invitations/" + invitation + "/decline", "");
        assertThat(declined.json().get("status").asText()).isEqualTo("DECLINED");
        assertThat(bAdmin.post("/api/v1/invitations/" + invitation + "/accept", "").status()).isEqualTo(409);
        assertThat(bAdmin.get("/api/v1/consortia/" + consortium).status()).isEqualTo(404);
        JsonNode history = aAdmin.get("/api/v1/consortia/" + consortium + "/history").json();
        assertThat(history).extracting(e -> e.get("event").asText()).contains("DECLINED");
    }

    @Test
    void the_leader_or_a_platform_admin_withdraws_a_pending_invitation_and_may_invite_again() {
        long withdrawing = Fixtures.consortium(aAdmin, "Withdraw Alliance");
        String invitations = "/api/v1/consortia/" + withdrawing + "/invitations";
        long invitation = aAdmin.post(invitations, Json.of("organizationId", orgB)).json().get("id").asLong();
        String path = invitations + "/" + invitation;

        // the invited organisation is not a member yet: to it the consortium does not exist
        for (Api hidden : List.of(bAdmin, bMember)) {
            Api.Response answer = hidden.delete(path);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        for (Api refused : List.of(aMember, auditor)) {
            Api.Response answer = refused.delete(path);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(aAdmin.delete(invitations + "/987654").status()).isEqualTo(404);
        assertThat(aAdmin.delete("/api/v1/consortia/" + consortium + "/invitations/" + invitation).status())
                .as("an invitation of another consortium").isEqualTo(404);

        Api.Response withdrawn = aAdmin.delete(path);
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(204);
        assertThat(invitationTo(bAdmin, invitation).get("status").asText()).isEqualTo("WITHDRAWN");
        Api.Response late = bAdmin.post("/api/v1/invitations/" + invitation + "/accept", "");
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.json().get("detail").asText()).contains("withdrawn", "can invite the organisation again");
        assertThat(bAdmin.get("/api/v1/consortia/" + withdrawing).status()).as("not a member").isEqualTo(404);
        Api.Response again = aAdmin.delete(path);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        Api.Response reinvited = aAdmin.post(invitations, Json.of("organizationId", orgB));
        assertThat(reinvited.status()).as(reinvited.toString()).isEqualTo(201);
        long second = reinvited.json().get("id").asLong();
        assertThat(admin.delete(invitations + "/" + second).status()).as("platform admin").isEqualTo(204);
        assertThat(aAdmin.get(invitations).json()).extracting(i -> i.get("status").asText())
                .containsExactly("WITHDRAWN", "WITHDRAWN");
        assertThat(aAdmin.get("/api/v1/consortia/" + withdrawing + "/history").json())
                .extracting(e -> e.get("event").asText() + " by " + e.get("actor").asText())
                .contains("WITHDRAWN by alpha-admin", "WITHDRAWN by admin");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(auditor.get(
                "/api/v1/audit/records?action=DELETE%20/api/v1/consortia/%7Bid%7D/invitations&actor=alpha-admin")
                .json()).extracting(r -> r.get("status").asInt()).contains(204, 409));
    }

    @Test
    void an_invited_organisation_sees_what_it_is_asked_to_join_and_nothing_more() {
        Api.Response created = aAdmin.post("/api/v1/consortia", Json.of("name", "Preview Alliance",
                "signatureScheme", "SM2", "nodesPerOrganization", 2));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long preview = created.json().get("id").asLong();
        long toB = aAdmin.post("/api/v1/consortia/" + preview + "/invitations", Json.of("organizationId", orgB))
                .json().get("id").asLong();
        long toC = aAdmin.post("/api/v1/consortia/" + preview + "/invitations", Json.of("organizationId", orgC))
                .json().get("id").asLong();

        for (Api invited : List.of(bAdmin, bMember)) {
            JsonNode invitation = invitationTo(invited, toB);
            assertThat(invitation.get("consortiumName").asText()).isEqualTo("Preview Alliance");
            assertThat(invitation.get("invitedBy").asText()).isEqualTo("alpha-admin");
            JsonNode asked = invitation.get("consortium");
            assertThat(asked).as(invitation.toString()).isNotNull();
            // the terms of joining, and nothing more: no nodes, addresses, keys or channels
            assertThat(asked.fieldNames()).toIterable().containsExactlyInAnyOrder("leaderOrganization",
                    "signatureScheme", "nodesPerOrganization", "memberOrganizations", "otherInvitees");
            assertThat(asked.get("leaderOrganization").asText()).isEqualTo("alpha");
            assertThat(asked.get("signatureScheme").asText()).isEqualTo("SM2");
            assertThat(asked.get("nodesPerOrganization").asInt()).isEqualTo(2);
            assertThat(asked.get("memberOrganizations")).extracting(JsonNode::asText).containsExactly("alpha");
            assertThat(asked.get("otherInvitees")).extracting(JsonNode::asText).containsExactly("gamma");
        }
        // the consortium itself stays private to its members: to the invited, as to anyone, it does not exist
        assertThat(bAdmin.get("/api/v1/consortia/" + preview).status()).isEqualTo(404);
        assertThat(bAdmin.get("/api/v1/consortia/" + preview + "/members").status()).isEqualTo(404);
        assertThat(bAdmin.get("/api/v1/consortia/" + preview + "/invitations").status()).isEqualTo(404);

        // gamma joins: beta's pending invitation shows it among the members, no longer invited
        assertThat(cAdmin.post("/api/v1/invitations/" + toC + "/accept", "").status()).isEqualTo(200);
        JsonNode asked = invitationTo(bAdmin, toB).get("consortium");
        assertThat(asked.get("memberOrganizations")).extracting(JsonNode::asText).containsExactly("alpha", "gamma");
        assertThat(asked.get("otherInvitees")).isEmpty();

        // once decided, an invitation carries only itself
        assertThat(bAdmin.post("/api/v1/invitations/" + toB + "/decline", "").status()).isEqualTo(200);
        assertThat(invitationTo(bAdmin, toB).get("status").asText()).isEqualTo("DECLINED");
        for (JsonNode decided : List.of(invitationTo(bAdmin, toB), invitationTo(cAdmin, toC))) {
            assertThat(decided.path("consortium").isNull() || decided.path("consortium").isMissingNode())
                    .as(decided.toString()).isTrue();
        }
    }

    /** The invitation as GET /invitations shows it to the invited organisation's user. */
    private static JsonNode invitationTo(Api user, long invitationId) {
        Api.Response mine = user.get("/api/v1/invitations");
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        JsonNode found = null;
        for (JsonNode invitation : mine.json()) {
            if (invitation.get("id").asLong() == invitationId) {
                found = invitation;
            }
        }
        assertThat(found).as(mine.toString()).isNotNull();
        return found;
    }

    @Test
    void a_browser_session_works_for_reads_and_needs_the_csrf_token_for_writes() throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://127.0.0.1:" + platformPort();
        java.net.http.HttpResponse<String> login = browser.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(Json.of(
                        "username", "alpha-admin", "password", Fixtures.password("alpha-admin"))))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(cookies.getCookieStore().getCookies()).extracting(java.net.HttpCookie::getName)
                .contains("JSESSIONID", "XSRF-TOKEN");
        java.net.http.HttpResponse<String> me = browser.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/api/v1/me")).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("alpha-admin");
        java.net.http.HttpRequest.Builder write = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/api/v1/consortia")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"Session Made\", \"signatureScheme\": \"SM2\"}"));
        String before = snapshot();
        assertThat(browser.send(write.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(snapshot()).isEqualTo(before);
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().getValue();
        java.net.http.HttpResponse<String> created = browser.send(write.header("X-XSRF-TOKEN", xsrf).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** The caller's answer for the consortium is, but for its id, the one for an id no consortium has. */
    private void assertSameAsAbsent(Api caller, String path) {
        long absent = 987654;
        Api.Response hidden = caller.get(path.replace("{id}", String.valueOf(consortium)));
        Api.Response missing = caller.get(path.replace("{id}", String.valueOf(absent)));
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(404);
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(hidden.contentType()).startsWith("application/problem+json");
        for (String field : List.of("type", "title", "status")) {
            assertThat(hidden.json().get(field)).as(field).isEqualTo(missing.json().get(field));
        }
        assertThat(hidden.json().get("detail").asText().replace(String.valueOf(consortium), "N"))
                .isEqualTo(missing.json().get("detail").asText().replace(String.valueOf(absent), "N"))
                .isEqualTo("Consortium N does not exist");
    }

    private int platformPort() {
        return platform.port();
    }

    /** Each request is refused with 403 and no organisation, user, consortium or invitation appears. */
    /** A key export request with the caller's own current password: only their role refuses it. */
    private static java.util.Map<String, Object> exportRequest(String username) {
        return Json.of("passphrase", "long passphrase!", "currentPassword", Fixtures.password(username));
    }

    private void unchanged(Supplier<List<Api.Response>> requests) {
        unchanged(403, requests);
    }

    private void unchanged(int status, Supplier<List<Api.Response>> requests) {
        String before = snapshot();
        List<Api.Response> responses = requests.get();
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(status);
            assertThat(r.contentType()).startsWith("application/problem+json");
        });
        assertThat(snapshot()).isEqualTo(before);
    }

    private String snapshot() {
        return admin.get("/api/v1/organizations").body() + admin.get("/api/v1/users").body()
                + admin.get("/api/v1/consortia").body() + admin.get("/api/v1/consortia/" + consortium + "/invitations").body()
                + admin.get("/api/v1/consortia/" + consortium + "/deployments").body();
    }
}
