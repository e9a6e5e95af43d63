package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An organisation's admin manages its users beyond adding them: makes a member an admin and back,
 * and sets a new password for one who forgot theirs. Nobody does either to themselves, an
 * organisation keeps an admin, other organisations' admins are refused, and a refused request
 * changes nothing. Deploys no network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MemberManagementScenario {
    private static final String NEW_PASSWORD = "handed-over-privately-42";
    private PlatformRunner platform;
    private Api platformAdmin;
    private long acme;
    private long other;
    private Api acmeAdmin;
    private Api otherAdmin;

    abstract TestDatabase database();

    @BeforeAll
    void setUp() {
        platform = new PlatformRunner(database()).start();
        platformAdmin = platform.admin();
        acme = Fixtures.organization(platformAdmin, "acme");
        other = Fixtures.organization(platformAdmin, "other");
        acmeAdmin = Fixtures.member(platformAdmin, acme, "acme-admin", "ADMIN");
        otherAdmin = Fixtures.member(platformAdmin, other, "other-admin", "ADMIN");
    }

    @AfterAll
    void tearDown() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void an_admin_makes_a_member_an_admin_and_back_effective_at_their_next_request() {
        Api member = Fixtures.member(acmeAdmin, acme, "promoted", "MEMBER");
        assertThat(addUser(member, "before-promotion").status()).isEqualTo(403);

        Api.Response promoted = acmeAdmin.put(role("promoted"), Json.of("role", "ADMIN"));
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.json().get("organizationRole").asText()).isEqualTo("ADMIN");
        assertThat(addUser(member, "after-promotion").status()).as("the same token, now an admin's").isEqualTo(201);

        Api.Response demoted = acmeAdmin.put(role("promoted"), Json.of("role", "MEMBER"));
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
        assertThat(addUser(member, "after-demotion").status()).isEqualTo(403);
        assertThat(member.get("/api/v1/me").json().get("organizationRole").asText()).isEqualTo("MEMBER");
    }

    @Test
    void nobody_changes_their_own_role_and_an_organisation_keeps_an_admin() {
        long lone = Fixtures.organization(platformAdmin, "lone");
        Api loneAdmin = Fixtures.member(platformAdmin, lone, "lone-admin", "ADMIN");

        Api.Response own = loneAdmin.put("/api/v1/organizations/" + lone + "/members/lone-admin/role",
                Json.of("role", "MEMBER"));
        assertThat(own.status()).as(own.toString()).isEqualTo(409);
        assertThat(own.body()).contains("your own role");
        Api.Response last = platformAdmin.put("/api/v1/organizations/" + lone + "/members/lone-admin/role",
                Json.of("role", "MEMBER"));
        assertThat(last.status()).as(last.toString()).isEqualTo(409);
        assertThat(last.body()).contains("only admin").contains("make another user admin first");
        assertThat(loneAdmin.get("/api/v1/me").json().get("organizationRole").asText()).isEqualTo("ADMIN");
    }

    @Test
    void other_organisations_members_and_bad_bodies_are_refused_and_change_nothing() {
        Fixtures.member(acmeAdmin, acme, "target", "MEMBER");
        Api plain = Fixtures.member(acmeAdmin, acme, "plain", "MEMBER");

        assertThat(otherAdmin.put(role("target"), Json.of("role", "ADMIN")).status()).isEqualTo(403);
        assertThat(plain.put(role("target"), Json.of("role", "ADMIN")).status()).isEqualTo(403);
        assertThat(plain.put(password("target"), Json.of("password", NEW_PASSWORD)).status()).isEqualTo(403);
        // a user of another organisation, through this organisation's path: no such member here
        Api.Response elsewhere = acmeAdmin.put(role("other-admin"), Json.of("role", "MEMBER"));
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(404);
        assertThat(elsewhere.body()).contains("User other-admin does not exist");
        assertThat(acmeAdmin.put(role("nobody"), Json.of("role", "ADMIN")).status()).isEqualTo(404);

        Api.Response empty = acmeAdmin.put(role("target"), Json.of());
        assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
        assertThat(empty.json().get("errors").toString()).contains("role");
        assertThat(acmeAdmin.put(role("target"), Json.of("role", "OWNER")).status()).isEqualTo(400);
        Api.Response shortPassword = acmeAdmin.put(password("target"), Json.of("password", "short"));
        assertThat(shortPassword.status()).as(shortPassword.toString()).isEqualTo(400);
        assertThat(shortPassword.json().get("errors").toString()).contains("password");

        assertThat(memberRole("target")).isEqualTo("MEMBER");
        assertThat(platform.api().login("target", Fixtures.password("target")).get("/api/v1/me").status())
                .as("the old password still signs in").isEqualTo(200);
        assertThat(otherAdmin.get("/api/v1/me").json().get("organizationRole").asText()).isEqualTo("ADMIN");
    }

    @Test
    void an_admin_sets_a_forgotten_password_which_ends_the_users_tokens_and_is_never_recorded() {
        Api forgetful = Fixtures.member(acmeAdmin, acme, "forgetful", "MEMBER");
        assertThat(forgetful.get("/api/v1/me").status()).isEqualTo(200);

        Api.Response own = acmeAdmin.put(password("acme-admin"), Json.of("password", NEW_PASSWORD));
        assertThat(own.status()).as(own.toString()).isEqualTo(409);
        assertThat(own.body()).contains("me/password");

        Api.Response set = acmeAdmin.put(password("forgetful"), Json.of("password", NEW_PASSWORD));
        assertThat(set.status()).as(set.toString()).isEqualTo(204);
        assertThat(forgetful.get("/api/v1/me").status()).as("the token from before").isEqualTo(401);
        assertThat(platform.api().post("/api/v1/auth/login", Json.of("username", "forgetful",
                "password", Fixtures.password("forgetful"))).status()).isEqualTo(401);
        assertThat(platform.api().login("forgetful", NEW_PASSWORD).get("/api/v1/me").status()).isEqualTo(200);
        // a platform admin may too
        assertThat(platformAdmin.put(password("forgetful"), Json.of("password", NEW_PASSWORD + "-2")).status())
                .isEqualTo(204);

        Api auditor = Fixtures.auditor(platformAdmin, "member-auditor");
        JsonNode records = await().atMost(Duration.ofSeconds(30)).until(() -> auditor.get(
                "/api/v1/audit/records?action=/api/v1/organizations/%7BorganizationId%7D/members/%7Busername%7D/password"
                        + "&status=204").json(), r -> r.size() == 2);
        assertThat(records).allSatisfy(r -> assertThat(r.get("action").asText())
                .isEqualTo("PUT /api/v1/organizations/{organizationId}/members/{username}/password"));
        assertThat(records.toString()).contains("username=forgetful").doesNotContain(NEW_PASSWORD);
        assertThat(auditor.get("/api/v1/audit/export?format=json").body()).doesNotContain(NEW_PASSWORD);
    }

    private String role(String username) {
        return "/api/v1/organizations/" + acme + "/members/" + username + "/role";
    }

    private String password(String username) {
        return "/api/v1/organizations/" + acme + "/members/" + username + "/password";
    }

    private Api.Response addUser(Api as, String username) {
        return as.post("/api/v1/organizations/" + acme + "/members",
                Json.of("username", username, "password", Fixtures.password(username), "role", "MEMBER"));
    }

    private String memberRole(String username) {
        for (JsonNode user : acmeAdmin.get("/api/v1/organizations/" + acme + "/members").json()) {
            if (user.get("username").asText().equals(username)) {
                return user.get("organizationRole").asText();
            }
        }
        throw new AssertionError("no member " + username);
    }
}
