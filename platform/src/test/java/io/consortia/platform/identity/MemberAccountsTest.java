package io.consortia.platform.identity;

import static io.consortia.platform.identity.AccountTestSupport.PLAIN;
import static io.consortia.platform.identity.AccountTestSupport.assertRefused;
import static io.consortia.platform.identity.AccountTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.PlatformProperties;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Disabling and enabling an organisation's user, on the platform's real schema (H2, migrated by
 * Flyway): who may, what it leaves of their sign-ins, sessions and tokens, and that the
 * organisation keeps an enabled admin whatever the change (disabling, demoting, removing).
 */
class MemberAccountsTest {
    private static final String PASSWORD = "a-password-of-12+";
    /** Cheap stand-in for Argon2: the hashing is not what is tested here. */
    private static final OrganizationRules MEMBER_RULES = (caller, organizationId) -> {
        if (!caller.isPlatformAdmin() && !caller.isAdminOf(organizationId)) {
            throw PlatformException.forbidden("Only an admin of organisation " + organizationId + " may do this");
        }
    };

    private HikariDataSource pool;
    private UserRepository users;
    private TokenService tokens;
    private UserService service;
    private MemberAccounts accounts;
    private SignInThrottle throttle;
    private long bank;
    private long other;
    private Caller platformAdmin;
    private Caller zhao;

    @BeforeEach
    void schema() {
        pool = OneConnectionDatabase.open();
        JdbcClient jdbc = JdbcClient.create(pool);
        bank = OneConnectionDatabase.organization(jdbc, "bank");
        other = OneConnectionDatabase.organization(jdbc, "other");
        users = new UserRepository(jdbc);
        tokens = new TokenService(jdbc, properties());
        OrganizationLock lock = new OrganizationLock(jdbc, users);
        service = new UserService(users, PLAIN, MEMBER_RULES, event -> { }, lock);
        throttle = new SignInThrottle(PlatformProperties.SignIn.defaults(), java.time.Clock.systemUTC());
        accounts = new MemberAccounts(users, PLAIN, tokens, MEMBER_RULES, lock, throttle);
        platformAdmin = caller(users.insert("admin", PLAIN.encode(PASSWORD), PlatformRole.ADMIN, null, null, 0));
        zhao = caller(user("zhao", bank, OrganizationRole.ADMIN));
    }

    @AfterEach
    void close() {
        SecurityContextHolder.clearContext();
        pool.close();
    }

    @Test
    void a_disabled_user_signs_in_to_nothing_and_their_tokens_and_sessions_end_until_enabled() {
        long teller = user("teller", bank, OrganizationRole.MEMBER);
        String token = tokens.issue(teller).token();
        UserAccount before = users.byId(teller).orElseThrow();
        assertThat(service.authenticate("teller", PASSWORD)).isPresent();

        UserView disabled = accounts.setEnabled(zhao, bank, "teller", false);

        assertThat(disabled.enabled()).isFalse();
        assertThat(service.authenticate("teller", PASSWORD)).as("the right password").isEmpty();
        assertThat(tokens.resolve(token)).as("the token from before").isEmpty();
        assertThat(sessionEnds(before)).as("a session from before").isTrue();
        // a request that passed its filter before the disabling: nothing more is done on the user's behalf
        UserAccount now = users.byId(teller).orElseThrow();
        SecurityContextHolder.getContext().setAuthentication(Authorities.authentication(now));
        assertRefused(() -> new CurrentUser(users).get(), HttpStatus.UNAUTHORIZED, "is disabled");

        UserView enabled = accounts.setEnabled(zhao, bank, "teller", true);

        assertThat(enabled.enabled()).isTrue();
        assertThat(service.authenticate("teller", PASSWORD)).isPresent();
        assertThat(tokens.resolve(token)).as("enabling revives no token").isEmpty();
        assertThat(sessionEnds(before)).as("nor a session").isTrue();
        assertThat(sessionEnds(users.byId(teller).orElseThrow())).as("a session opened now").isFalse();
    }

    /**
     * A disabled user's sign-ins are refused as wrong passwords, and counted: one who kept trying while
     * disabled was still held off for minutes once their admin enabled them again.
     */
    @Test
    void enabling_a_user_clears_the_waits_their_refused_sign_ins_earned_while_disabled() {
        user("teller", bank, OrganizationRole.MEMBER);
        user("clerk", bank, OrganizationRole.MEMBER);
        accounts.setEnabled(zhao, bank, "teller", false);
        for (int i = 0; i < 12; i++) {
            throttle.failed("teller", "10.0.0." + (i % 2));
            throttle.failed("clerk", "10.0.0.1");
        }
        assertThat(throttle.waitBefore("teller", "10.0.0.0")).as("held off while disabled").isPresent();

        accounts.setEnabled(zhao, bank, "teller", true);

        assertThat(throttle.waitBefore("teller", "10.0.0.0")).isEmpty();
        assertThat(throttle.waitBefore("teller", "10.0.0.1")).isEmpty();
        assertThat(throttle.waitBefore("teller", "192.168.1.9")).isEmpty();
        assertThat(throttle.waitBefore("clerk", "10.0.0.1")).as("another user's waits stay").isPresent();
    }

    @Test
    void asking_for_the_state_the_user_is_in_changes_nothing() {
        long teller = user("teller", bank, OrganizationRole.MEMBER);
        String token = tokens.issue(teller).token();

        assertThat(accounts.setEnabled(platformAdmin, bank, "teller", true).enabled()).isTrue();
        assertThat(tokens.resolve(token)).as("enabling an enabled user ends nothing").contains(teller);
        accounts.setEnabled(platformAdmin, bank, "teller", false);
        int version = users.byId(teller).orElseThrow().credentialsVersion();
        assertThat(accounts.setEnabled(platformAdmin, bank, "teller", false).enabled()).isFalse();
        assertThat(users.byId(teller).orElseThrow().credentialsVersion()).isEqualTo(version);
    }

    @Test
    void nobody_disables_themselves_an_other_organisation_s_user_or_as_a_member() {
        user("teller", bank, OrganizationRole.MEMBER);
        Caller member = caller(user("clerk", bank, OrganizationRole.MEMBER));
        user("stranger", other, OrganizationRole.MEMBER);
        Caller otherAdmin = caller(user("other-admin", other, OrganizationRole.ADMIN));

        assertRefused(() -> accounts.setEnabled(zhao, bank, "zhao", false), HttpStatus.CONFLICT, "disable yourself");
        assertRefused(() -> accounts.setEnabled(member, bank, "teller", false), HttpStatus.FORBIDDEN, "Only an admin");
        assertRefused(() -> accounts.setEnabled(otherAdmin, bank, "teller", false), HttpStatus.FORBIDDEN,
                "Only an admin");
        assertRefused(() -> accounts.setEnabled(zhao, bank, "stranger", false), HttpStatus.NOT_FOUND,
                "User stranger does not exist");
        assertThat(enabled()).as("nothing changed").containsOnly(true);
    }

    @Test
    void the_organisation_keeps_an_enabled_admin_whatever_takes_one_away() {
        long deputy = user("deputy", bank, OrganizationRole.ADMIN);
        user("teller", bank, OrganizationRole.MEMBER);

        assertThat(accounts.setEnabled(zhao, bank, "deputy", false).enabled()).isFalse();

        for (Runnable takesZhaoAway : List.<Runnable>of(
                () -> accounts.setEnabled(platformAdmin, bank, "zhao", false),
                () -> accounts.changeRole(platformAdmin, bank, "zhao", OrganizationRole.MEMBER),
                () -> service.remove(platformAdmin, "zhao"))) {
            assertRefused(takesZhaoAway, HttpStatus.CONFLICT, "zhao is the organisation's only admin who is enabled");
        }
        assertThat(users.byUsername("zhao").orElseThrow().isEnabledAdmin()).isTrue();
        // the disabled admin is no admin to keep: demoted, or removed, freely
        assertThat(accounts.changeRole(zhao, bank, "deputy", OrganizationRole.MEMBER).organizationRole())
                .isEqualTo(OrganizationRole.MEMBER);
        service.remove(zhao, "deputy");
        assertThat(users.byId(deputy)).isEmpty();
        assertRefused(() -> accounts.setEnabled(platformAdmin, bank, "zhao", false), HttpStatus.CONFLICT,
                "zhao is the organisation's only admin; make another user admin first");
    }

    @Test
    void an_admin_disabled_while_their_change_waited_for_the_organisation_is_refused() {
        Caller deputy = caller(user("deputy", bank, OrganizationRole.ADMIN));
        user("teller", bank, OrganizationRole.MEMBER);
        accounts.setEnabled(zhao, bank, "deputy", false);

        assertRefused(() -> accounts.setEnabled(deputy, bank, "teller", false), HttpStatus.UNAUTHORIZED, "disabled");
        assertRefused(() -> accounts.changeRole(deputy, bank, "teller", OrganizationRole.ADMIN),
                HttpStatus.UNAUTHORIZED, "disabled");
        assertThat(users.byUsername("teller").orElseThrow().enabled()).isTrue();
    }

    private long user(String username, long organization, OrganizationRole role) {
        return users.insert(username, PLAIN.encode(PASSWORD), null, organization, role, 0);
    }

    private Caller caller(long id) {
        return users.byId(id).orElseThrow().toCaller();
    }

    private List<Boolean> enabled() {
        return users.all().stream().map(UserAccount::enabled).toList();
    }

    /** Whether a browser session the user opened as {@code signedIn} is ended at its next request. */
    private boolean sessionEnds(UserAccount signedIn) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
        request.getSession(true);
        SecurityContextHolder.getContext().setAuthentication(Authorities.authentication(signedIn));
        try {
            new StaleSessionFilter(users).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return SecurityContextHolder.getContext().getAuthentication() == null;
    }
}
