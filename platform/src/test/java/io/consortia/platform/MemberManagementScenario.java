package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.MemberAccounts;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.identity.PlatformRole;
import io.consortia.platform.identity.UserService;
import io.consortia.platform.system.PlatformException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An organisation's admin manages its users beyond adding them: makes a member an admin and back,
 * sets a new password for one who forgot theirs, and disables a user and enables them again. Nobody
 * does any of it to themselves, an organisation keeps an enabled admin (its only one is neither
 * demoted, removed nor disabled), other organisations' admins are refused, and a refused request
 * changes nothing, also when two admins change each other at the same moment. Deploys no network.
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
    void the_only_admin_of_an_organisation_is_not_removed_until_another_user_is_admin() {
        long solo = Fixtures.organization(platformAdmin, "solo");
        Api soloAdmin = Fixtures.member(platformAdmin, solo, "solo-admin", "ADMIN");
        Fixtures.member(soloAdmin, solo, "solo-member", "MEMBER");

        Api.Response last = platformAdmin.delete("/api/v1/users/solo-admin");
        assertThat(last.status()).as(last.toString()).isEqualTo(409);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(last.json().get("detail").asText()).contains("solo-admin is the organisation's only admin")
                .contains("make another user admin first");
        assertThat(admins(solo)).as("nothing changed").containsExactly("solo-admin");
        assertThat(soloAdmin.get("/api/v1/me").status()).as("still signed in").isEqualTo(200);

        Api.Response promoted = platformAdmin.put("/api/v1/organizations/" + solo + "/members/solo-member/role",
                Json.of("role", "ADMIN"));
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        Api.Response removed = platformAdmin.delete("/api/v1/users/solo-admin");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(admins(solo)).containsExactly("solo-member");
    }

    /**
     * A tester removed teller "zhao.teller", then gave the name to a new colleague, who found the removed
     * teller's 100 CNY on "ningbo-bank/zhao.teller" and spent 40: the name is the on-chain account.
     */
    @Test
    void a_removed_user_s_name_is_not_given_again() {
        long kept = Fixtures.organization(platformAdmin, "kept");
        Api keptAdmin = Fixtures.member(platformAdmin, kept, "kept-admin", "ADMIN");
        Fixtures.member(keptAdmin, kept, "kept.teller", "MEMBER");
        assertThat(keptAdmin.delete("/api/v1/users/kept.teller").status()).isEqualTo(204);

        for (Api who : List.of(keptAdmin, platformAdmin)) {
            Api.Response again = who.post("/api/v1/organizations/" + kept + "/members", Json.of("username",
                    "kept.teller", "password", "another-person-123", "role", "MEMBER"));
            assertThat(again.status()).as(again.toString()).isEqualTo(409);
            assertThat(again.json().get("detail").asText()).contains("'kept.teller' belonged to a user who was removed")
                    .contains("on-chain account").contains("choose another name");
        }
        assertThat(platformAdmin.post("/api/v1/users", Json.of("username", "kept.teller", "password",
                "another-person-123", "platformRole", "AUDITOR")).status()).as("nor as a platform user").isEqualTo(409);
        assertThat(keptAdmin.get("/api/v1/organizations/" + kept + "/members").json())
                .extracting(m -> m.get("username").asText()).containsExactly("kept-admin");
    }

    @Test
    void two_removals_of_an_organisation_s_two_admins_at_once_leave_it_an_admin() throws Exception {
        long twin = Fixtures.organization(platformAdmin, "twin");
        admin(twin, "twin-a");
        admin(twin, "twin-b");
        JsonNode me = platformAdmin.get("/api/v1/me").json();
        Caller admin = new Caller(me.get("id").asLong(), me.get("username").asText(), PlatformRole.ADMIN, null, null);
        UserService users = platform.bean(UserService.class);

        Throwable second = raced(() -> users.remove(admin, "twin-a"), () -> users.remove(admin, "twin-b"));

        assertThat(admins(twin)).as("the organisation's admins").containsExactly("twin-b");
        assertThat(second).as("the removal that waited, of the admin left").isInstanceOf(PlatformException.class)
                .hasMessageContaining("twin-b is the organisation's only admin");
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

    /**
     * Zhao's teller is on leave: disabled rather than removed, the teller signs in to nothing (answered
     * as a wrong password), the token they held is refused at its next use, and once enabled they sign
     * in again with the same password, while the old token stays ended.
     */
    @Test
    void an_admin_disables_a_user_who_signs_in_to_nothing_until_enabled_again() {
        Api teller = Fixtures.member(acmeAdmin, acme, "on-leave", "MEMBER");
        assertThat(teller.get("/api/v1/me").json().get("enabled").asBoolean()).isTrue();

        Api.Response disabled = acmeAdmin.put(status("on-leave"), Json.of("enabled", false));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().get("organizationRole").asText()).isEqualTo("MEMBER");
        Api.Response again = acmeAdmin.put(status("on-leave"), Json.of("enabled", false));
        assertThat(again.status()).as("disabling a disabled user: " + again).isEqualTo(200);
        assertThat(again.json().get("enabled").asBoolean()).isFalse();

        Api.Response stale = teller.get("/api/v1/me");
        assertThat(stale.status()).as("the token taken before: " + stale).isEqualTo(401);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        Api.Response rightPassword = platform.api().post("/api/v1/auth/login", Json.of("username", "on-leave",
                "password", Fixtures.password("on-leave")));
        Api.Response wrongPassword = platform.api().post("/api/v1/auth/login", Json.of("username", "on-leave",
                "password", "not-the-password-0"));
        assertThat(rightPassword.status()).as(rightPassword.toString()).isEqualTo(401);
        assertThat(rightPassword.json()).as("told apart from a wrong password by nothing")
                .isEqualTo(wrongPassword.json());
        assertThat(memberEnabled("on-leave")).as("the organisation's list says so").isFalse();
        assertThat(memberRole("on-leave")).as("a disabled user is still a member").isEqualTo("MEMBER");

        Api.Response enabled = platformAdmin.put(status("on-leave"), Json.of("enabled", true));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(teller.get("/api/v1/me").status()).as("enabling revives no token").isEqualTo(401);
        Api back = platform.api().login("on-leave", Fixtures.password("on-leave"));
        assertThat(back.get("/api/v1/me").json().get("enabled").asBoolean()).isTrue();
        assertThat(memberEnabled("on-leave")).isTrue();
    }

    @Test
    void disabling_is_refused_for_oneself_the_last_enabled_admin_other_organisations_and_members() {
        Fixtures.member(acmeAdmin, acme, "kept-on", "MEMBER");
        Api plain = Fixtures.member(acmeAdmin, acme, "plain-status", "MEMBER");
        Api auditor = Fixtures.auditor(platformAdmin, "status-auditor");

        Api.Response own = acmeAdmin.put(status("acme-admin"), Json.of("enabled", false));
        assertThat(own.status()).as(own.toString()).isEqualTo(409);
        assertThat(own.json().get("detail").asText()).contains("You cannot disable yourself");
        long alone = Fixtures.organization(platformAdmin, "alone");
        Api aloneAdmin = Fixtures.member(platformAdmin, alone, "alone-admin", "ADMIN");
        Api.Response last = platformAdmin.put("/api/v1/organizations/" + alone + "/members/alone-admin/status",
                Json.of("enabled", false));
        assertThat(last.status()).as(last.toString()).isEqualTo(409);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(last.json().get("detail").asText()).contains("alone-admin is the organisation's only admin")
                .contains("make another user admin first");
        assertThat(aloneAdmin.get("/api/v1/me").status()).as("still signed in").isEqualTo(200);

        Api.Response elsewhere = acmeAdmin.put(status("other-admin"), Json.of("enabled", false));
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(404);
        assertThat(elsewhere.json().get("detail").asText()).isEqualTo("User other-admin does not exist");
        assertThat(otherAdmin.put(status("kept-on"), Json.of("enabled", false)).status()).isEqualTo(403);
        assertThat(plain.put(status("kept-on"), Json.of("enabled", false)).status()).isEqualTo(403);
        assertThat(auditor.put(status("kept-on"), Json.of("enabled", false)).status()).isEqualTo(403);
        for (java.util.Map<String, ?> bad : List.of(Json.of(), Json.of("enabled", "maybe"),
                Json.of("enabled", "false"), Json.of("enabled", 0))) {
            Api.Response refused = acmeAdmin.put(status("kept-on"), bad);
            assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).as(bad.toString()).contains("enabled");
        }

        assertThat(memberEnabled("kept-on")).as("nothing changed").isTrue();
        assertThat(otherAdmin.get("/api/v1/me").json().get("enabled").asBoolean()).isTrue();
        assertThat(platform.api().login("kept-on", Fixtures.password("kept-on")).get("/api/v1/me").status())
                .isEqualTo(200);
    }

    /**
     * The platform admin disables an auditor whose engagement ended, and a platform admin under
     * investigation: only an organisation's users could be disabled, so platform accounts could only
     * be removed, with their name. The same rules and effects as for a member.
     */
    @Test
    void a_platform_admin_disables_a_platform_account_which_signs_in_to_nothing_until_enabled_again() {
        Api auditor = Fixtures.auditor(platformAdmin, "engagement-over");
        Api.Response created = platformAdmin.post("/api/v1/users", Json.of("username", "deputy-admin",
                "password", Fixtures.password("deputy-admin"), "platformRole", "ADMIN"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Api deputy = platform.api().login("deputy-admin", Fixtures.password("deputy-admin"));
        Fixtures.member(acmeAdmin, acme, "platform-status-member", "MEMBER");

        for (Api refused : List.of(auditor, acmeAdmin)) {
            Api.Response forbidden = refused.put("/api/v1/users/deputy-admin/status", Json.of("enabled", false));
            assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(403);
        }
        Api.Response own = platformAdmin.put("/api/v1/users/admin/status", Json.of("enabled", false));
        assertThat(own.status()).as(own.toString()).isEqualTo(409);
        assertThat(own.json().get("detail").asText()).contains("You cannot disable yourself");
        Api.Response member = platformAdmin.put("/api/v1/users/platform-status-member/status",
                Json.of("enabled", false));
        assertThat(member.status()).as("an organisation's user: " + member).isEqualTo(409);
        assertThat(member.json().get("detail").asText()).contains("/members/platform-status-member/status");
        Api.Response bad = platformAdmin.put("/api/v1/users/engagement-over/status", Json.of("enabled", "maybe"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.body()).contains("enabled");
        assertThat(auditor.get("/api/v1/me").status()).as("nothing changed").isEqualTo(200);

        for (String name : List.of("engagement-over", "deputy-admin")) {
            Api.Response disabled = platformAdmin.put("/api/v1/users/" + name + "/status", Json.of("enabled", false));
            assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
            assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        }
        assertThat(auditor.get("/api/v1/me").status()).as("the auditor's token from before").isEqualTo(401);
        assertThat(deputy.get("/api/v1/me").status()).as("the admin's token from before").isEqualTo(401);
        Api.Response rightPassword = platform.api().post("/api/v1/auth/login", Json.of("username", "engagement-over",
                "password", Fixtures.password("engagement-over")));
        Api.Response wrongPassword = platform.api().post("/api/v1/auth/login", Json.of("username", "engagement-over",
                "password", "not-the-password-0"));
        assertThat(rightPassword.status()).as(rightPassword.toString()).isEqualTo(401);
        assertThat(rightPassword.json()).as("told apart from a wrong password by nothing")
                .isEqualTo(wrongPassword.json());
        JsonNode listed = platformAdmin.get("/api/v1/users").json();
        assertThat(listed.toString()).contains("\"username\":\"engagement-over\"");
        for (JsonNode user : listed) {
            if (user.get("username").asText().equals("engagement-over")) {
                assertThat(user.get("enabled").asBoolean()).as("the users list says so").isFalse();
            }
        }

        Api.Response enabled = platformAdmin.put("/api/v1/users/engagement-over/status", Json.of("enabled", true));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/me").status()).as("enabling revives no token").isEqualTo(401);
        Api back = platform.api().login("engagement-over", Fixtures.password("engagement-over"));
        assertThat(back.get("/api/v1/me").json().get("enabled").asBoolean()).isTrue();

        JsonNode records = await().atMost(Duration.ofSeconds(30)).until(() -> back.get(
                "/api/v1/audit/records?action=/api/v1/users/%7Busername%7D/status&status=200").json(),
                r -> r.size() == 3);
        assertThat(records.toString()).contains("user=\\\"engagement-over\\\"", "previouslyEnabled=\\\"true\\\"");
    }

    @Test
    void two_admins_demoting_each_other_at_once_leave_the_organisation_an_admin() throws Exception {
        long pair = Fixtures.organization(platformAdmin, "pair");
        Caller a = admin(pair, "pair-a");
        Caller b = admin(pair, "pair-b");
        MemberAccounts accounts = platform.bean(MemberAccounts.class);

        Throwable second = raced(() -> accounts.changeRole(a, pair, "pair-b", OrganizationRole.MEMBER),
                () -> accounts.changeRole(b, pair, "pair-a", OrganizationRole.MEMBER));

        assertThat(admins(pair)).as("the organisation's admins").containsExactly("pair-a");
        assertThat(second).as("the demotion that waited, by one no longer an admin")
                .isInstanceOf(PlatformException.class).hasMessageContaining("Only an admin of organisation");
    }

    @Test
    void an_admin_removing_the_admin_who_demotes_them_at_once_leaves_the_organisation_an_admin() throws Exception {
        long duo = Fixtures.organization(platformAdmin, "duo");
        Caller a = admin(duo, "duo-a");
        Caller b = admin(duo, "duo-b");
        MemberAccounts accounts = platform.bean(MemberAccounts.class);
        UserService users = platform.bean(UserService.class);

        Throwable removal = raced(() -> accounts.changeRole(a, duo, "duo-b", OrganizationRole.MEMBER),
                () -> users.remove(b, "duo-a"));
        assertThat(admins(duo)).as("the organisation's admins").containsExactly("duo-a");
        assertThat(removal).as("the removal that waited, by one no longer an admin")
                .isInstanceOf(PlatformException.class).hasMessageContaining("Only an admin of organisation");

        // the other way round: the removal first, the removed admin's demotion waiting for it
        long trio = Fixtures.organization(platformAdmin, "trio");
        Caller c = admin(trio, "trio-c");
        Caller d = admin(trio, "trio-d");
        Throwable demotion = raced(() -> users.remove(d, "trio-c"),
                () -> accounts.changeRole(c, trio, "trio-d", OrganizationRole.MEMBER));
        assertThat(admins(trio)).as("the organisation's admins").containsExactly("trio-d");
        assertThat(demotion).as("the demotion that waited, by a user removed meanwhile")
                .isInstanceOf(PlatformException.class).hasMessageContaining("no longer exists");
    }

    /**
     * Runs first in a transaction left open, then second on another thread, and commits first
     * once second has finished or waits for first's lock: the two checks see the same admins, the
     * worst moment for a race between them, without sleeps. What second threw, or null.
     */
    private Throwable raced(Runnable first, Runnable second) throws Exception {
        TransactionTemplate transaction = new TransactionTemplate(platform.bean(PlatformTransactionManager.class));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> concurrent = transaction.execute(status -> {
                first.run();
                Future<?> started = other.submit(second);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                        .until(() -> started.isDone() || waitsForOrganizationLock());
                return started;
            });
            concurrent.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } finally {
            other.shutdownNow();
        }
    }

    /** A session waits to lock an organisation's row (H2 or PostgreSQL, as the platform runs on). */
    private boolean waitsForOrganizationLock() throws Exception {
        DataSource dataSource = platform.bean(DataSource.class);
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        }
        String waiting = product.equals("H2")
                ? "select count(*) from information_schema.sessions where blocker_id is not null "
                        + "and lower(executing_statement) like '%organizations%for update%'"
                : "select count(*) from pg_stat_activity where datname = current_database() "
                        + "and wait_event_type = 'Lock' and query like '%organizations%for update%'";
        return new JdbcTemplate(dataSource).queryForObject(waiting, Long.class) > 0;
    }

    private Caller admin(long organizationId, String username) {
        Fixtures.member(platformAdmin, organizationId, username, "ADMIN");
        for (JsonNode user : platformAdmin.get("/api/v1/organizations/" + organizationId + "/members").json()) {
            if (user.get("username").asText().equals(username)) {
                return new Caller(user.get("id").asLong(), username, null, organizationId, OrganizationRole.ADMIN);
            }
        }
        throw new AssertionError("no member " + username);
    }

    private List<String> admins(long organizationId) {
        List<String> admins = new ArrayList<>();
        for (JsonNode user : platformAdmin.get("/api/v1/organizations/" + organizationId + "/members").json()) {
            if (user.get("organizationRole").asText().equals("ADMIN")) {
                admins.add(user.get("username").asText());
            }
        }
        return admins;
    }

    private String role(String username) {
        return "/api/v1/organizations/" + acme + "/members/" + username + "/role";
    }

    private String status(String username) {
        return "/api/v1/organizations/" + acme + "/members/" + username + "/status";
    }

    private String password(String username) {
        return "/api/v1/organizations/" + acme + "/members/" + username + "/password";
    }

    private Api.Response addUser(Api as, String username) {
        return as.post("/api/v1/organizations/" + acme + "/members",
                Json.of("username", username, "password", Fixtures.password(username), "role", "MEMBER"));
    }

    private boolean memberEnabled(String username) {
        for (JsonNode user : acmeAdmin.get("/api/v1/organizations/" + acme + "/members").json()) {
            if (user.get("username").asText().equals(username)) {
                return user.get("enabled").asBoolean();
            }
        }
        throw new AssertionError("no member " + username);
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
