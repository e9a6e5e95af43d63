package io.consortia.platform.identity;

import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.PlatformException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a platform admin does to the platform's own accounts (auditors, other platform admins)
 * besides creating and removing them: disable one (an auditor whose engagement ended, an admin
 * under investigation) and enable it again, with the rules and effects an organisation's user has
 * ({@link MemberAccounts#setEnabled}). An organisation's users are disabled through their
 * organisation, where its admins do it too.
 */
@Service
public class PlatformAccounts {
    private final UserRepository users;
    private final TokenService tokens;
    private final SignInThrottle throttle;
    private final JdbcClient jdbc;

    PlatformAccounts(UserRepository users, TokenService tokens, SignInThrottle throttle, JdbcClient jdbc) {
        this.users = users;
        this.tokens = tokens;
        this.throttle = throttle;
        this.jdbc = jdbc;
    }

    /**
     * Disables or enables a platform account. Not one's own, and the platform keeps an enabled
     * admin: a disabled one cannot sign in to enable anyone, and nobody else could. Asking for the
     * state the account is in changes nothing.
     */
    @Transactional
    public UserView setEnabled(Caller caller, String username, boolean enabled) {
        caller.requirePlatformAdmin();
        caller = lock(caller);
        UserAccount user = users.byUsername(username == null ? "" : username)
                .orElseThrow(() -> PlatformException.notFound("User", username));
        if (user.organizationId() != null) {
            throw PlatformException.conflict(user.username() + " is a user of organisation " + user.organizationId()
                    + "; disable or enable them with PUT /api/v1/organizations/" + user.organizationId() + "/members/"
                    + user.username() + "/status");
        }
        if (user.id() == caller.userId()) {
            throw PlatformException.conflict(enabled ? "You cannot enable yourself"
                    : "You cannot disable yourself; ask another platform admin");
        }
        AuditNotes.note("user", user.username());
        AuditNotes.note("platformRole", user.platformRole());
        AuditNotes.note("enabled", enabled);
        if (user.enabled() == enabled) {
            return UserView.of(user);
        }
        AuditNotes.note("previouslyEnabled", user.enabled());
        if (!enabled && user.platformRole() == PlatformRole.ADMIN && users.enabledPlatformAdmins() <= 1) {
            throw PlatformException.conflict(user.username() + " is the platform's only enabled admin; create or "
                    + "enable another platform admin first");
        }
        users.updateEnabled(user.id(), enabled);
        // on enabling too: a token a sign-in issued while the disabling committed must not come back to life
        tokens.revokeAllBut(user.id(), null);
        if (enabled) {
            // sign-ins refused while disabled earned waits that would lock the account out now
            throttle.forgetAccount(user.username(), user.id());
        }
        return UserView.of(users.byId(user.id()).orElseThrow());
    }

    /**
     * Two platform admins disabling each other at once would each see the other enabled, and both
     * go through: the platform admins' rows stay locked until the transaction ends, and the caller
     * is read again under the lock (the change it waited for may have disabled them).
     */
    private Caller lock(Caller caller) {
        jdbc.sql("select id from users where platform_role = ? for update").param(PlatformRole.ADMIN.name())
                .query(Long.class).list();
        return users.byId(caller.userId()).filter(UserAccount::enabled).map(UserAccount::toCaller)
                .orElseThrow(() -> new PlatformException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                        "The signed-in user no longer exists or is disabled"));
    }
}
