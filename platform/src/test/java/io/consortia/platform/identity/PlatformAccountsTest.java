package io.consortia.platform.identity;

import static io.consortia.platform.identity.AccountTestSupport.PLAIN;
import static io.consortia.platform.identity.AccountTestSupport.assertRefused;
import static io.consortia.platform.identity.AccountTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.platform.system.PlatformProperties;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Disabling and enabling the platform's own accounts (auditors, platform admins), on the
 * platform's real schema: only organisation members could be disabled, so an auditor whose
 * engagement ended could only be removed, with their name.
 */
class PlatformAccountsTest {
    private static final String PASSWORD = "a-password-of-12+";

    private HikariDataSource pool;
    private UserRepository users;
    private TokenService tokens;
    private UserService service;
    private SignInThrottle throttle;
    private PlatformAccounts accounts;
    private Caller admin;
    private long bank;

    @BeforeEach
    void schema() {
        pool = OneConnectionDatabase.open();
        JdbcClient jdbc = JdbcClient.create(pool);
        bank = OneConnectionDatabase.organization(jdbc, "bank");
        users = new UserRepository(jdbc);
        tokens = new TokenService(jdbc, properties());
        service = new UserService(users, PLAIN, (caller, organizationId) -> { }, event -> { },
                new OrganizationLock(jdbc, users));
        throttle = new SignInThrottle(PlatformProperties.SignIn.defaults(), java.time.Clock.systemUTC());
        accounts = new PlatformAccounts(users, tokens, throttle, jdbc);
        admin = caller(platformUser("admin", PlatformRole.ADMIN));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void a_disabled_auditor_signs_in_to_nothing_until_enabled_and_keeps_no_token_or_wait() {
        long auditor = platformUser("auditor", PlatformRole.AUDITOR);
        String token = tokens.issue(auditor).token();

        UserView disabled = accounts.setEnabled(admin, "auditor", false);

        assertThat(disabled.enabled()).isFalse();
        assertThat(service.authenticate("auditor", PASSWORD)).as("the right password").isEmpty();
        assertThat(tokens.resolve(token)).as("the token from before").isEmpty();
        for (int i = 0; i < 12; i++) {
            throttle.failed("auditor", "10.0.0.1");
        }
        assertThat(throttle.waitBefore("auditor", "10.0.0.1")).as("held off while disabled").isPresent();

        UserView enabled = accounts.setEnabled(admin, "auditor", true);

        assertThat(enabled.enabled()).isTrue();
        assertThat(service.authenticate("auditor", PASSWORD)).isPresent();
        assertThat(tokens.resolve(token)).as("enabling revives no token").isEmpty();
        assertThat(throttle.waitBefore("auditor", "10.0.0.1")).as("the waits earned while disabled").isEmpty();
    }

    @Test
    void a_platform_admin_disables_another_but_not_themselves_and_nobody_else_disables_anyone() {
        Caller deputy = caller(platformUser("deputy", PlatformRole.ADMIN));
        Caller auditor = caller(platformUser("auditor", PlatformRole.AUDITOR));
        Caller zhao = caller(users.insert("zhao", PLAIN.encode(PASSWORD), null, bank, OrganizationRole.ADMIN, 0));

        assertRefused(() -> accounts.setEnabled(admin, "admin", false), HttpStatus.CONFLICT, "disable yourself");
        assertRefused(() -> accounts.setEnabled(auditor, "deputy", false), HttpStatus.FORBIDDEN, "platform admin");
        assertRefused(() -> accounts.setEnabled(zhao, "auditor", false), HttpStatus.FORBIDDEN, "platform admin");
        assertRefused(() -> accounts.setEnabled(admin, "zhao", false), HttpStatus.CONFLICT,
                "/api/v1/organizations/" + bank + "/members/zhao/status");
        assertRefused(() -> accounts.setEnabled(admin, "nobody", false), HttpStatus.NOT_FOUND,
                "User nobody does not exist");
        assertThat(enabled()).as("nothing changed").containsOnly(true);

        assertThat(accounts.setEnabled(admin, "deputy", false).enabled()).isFalse();
        assertThat(service.authenticate("deputy", PASSWORD)).isEmpty();
        assertThat(accounts.setEnabled(admin, "deputy", false).enabled()).as("asked again: no change").isFalse();
        assertThat(accounts.setEnabled(admin, "deputy", true).enabled()).isTrue();
        assertThat(deputy.isPlatformAdmin()).isTrue();
    }

    /**
     * Two platform admins disabling each other at once: the one whose change waited for the other's
     * is disabled by then, and is refused, so the platform keeps an enabled admin.
     */
    @Test
    void the_platform_keeps_an_enabled_admin_when_two_admins_disable_each_other() {
        Caller deputy = caller(platformUser("deputy", PlatformRole.ADMIN));

        accounts.setEnabled(admin, "deputy", false);

        assertRefused(() -> accounts.setEnabled(deputy, "admin", false), HttpStatus.UNAUTHORIZED, "disabled");
        assertThat(users.byUsername("admin").orElseThrow().enabled()).isTrue();
        assertThat(users.enabledPlatformAdmins()).isEqualTo(1);
    }

    private long platformUser(String username, PlatformRole role) {
        return users.insert(username, PLAIN.encode(PASSWORD), role, null, null, 0);
    }

    private Caller caller(long id) {
        return users.byId(id).orElseThrow().toCaller();
    }

    private List<Boolean> enabled() {
        return users.all().stream().map(UserAccount::enabled).toList();
    }
}
