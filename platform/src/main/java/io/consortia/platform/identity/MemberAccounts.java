package io.consortia.platform.identity;

import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.PlatformException;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an organisation's admin (or a platform admin) does to the organisation's users besides
 * adding and removing them: change their role, set a new password for one who forgot theirs, and
 * disable or enable them. Nobody does any of it to themselves here: their own password goes
 * through {@code PUT me/password} (which asks for the current one), and an admin demoting or
 * disabling themselves could leave the organisation without one.
 */
@Service
public class MemberAccounts {
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TokenService tokens;
    private final OrganizationRules organizations;
    private final OrganizationLock lock;
    private final SignInThrottle throttle;

    MemberAccounts(UserRepository users, PasswordEncoder passwords, TokenService tokens,
            OrganizationRules organizations, OrganizationLock lock, SignInThrottle throttle) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.organizations = organizations;
        this.lock = lock;
        this.throttle = throttle;
    }

    /** Takes effect at the user's next request: every request reads the role from the database. */
    @Transactional
    public UserView changeRole(Caller caller, long organizationId, String username, OrganizationRole role) {
        UserAccount user = member(lock.lock(organizationId, caller), organizationId, username, "change your own role");
        if (role == OrganizationRole.MEMBER) {
            EnabledAdmins.requireAnother(users, user);
        }
        users.updateOrganizationRole(user.id(), role);
        AuditNotes.note("user", user.username());
        AuditNotes.note("previousRole", user.organizationRole());
        AuditNotes.note("role", role);
        return UserView.of(users.byId(user.id()).orElseThrow());
    }

    /**
     * Disables a user (on leave, under investigation) or enables them again, keeping what removal
     * takes: their certificates, on-chain account and name. Disabling ends their sessions and
     * tokens at their next request and refuses their sign-ins; enabling lets them sign in again,
     * and revives no session or token (the ones from before stay ended). The organisation keeps an
     * enabled admin. Asking for the state the user is in changes nothing.
     */
    @Transactional
    public UserView setEnabled(Caller caller, long organizationId, String username, boolean enabled) {
        UserAccount user = member(lock.lock(organizationId, caller), organizationId, username,
                enabled ? "enable yourself" : "disable yourself; ask another admin");
        AuditNotes.note("user", user.username());
        AuditNotes.note("enabled", enabled);
        if (user.enabled() == enabled) {
            return UserView.of(user);
        }
        AuditNotes.note("previouslyEnabled", user.enabled());
        if (!enabled) {
            EnabledAdmins.requireAnother(users, user);
        }
        users.updateEnabled(user.id(), enabled);
        // on enabling too: a token a sign-in issued while the disabling committed must not come back to life
        tokens.revokeAllBut(user.id(), null);
        if (enabled) {
            // sign-ins refused while disabled (the user trying, unaware) earned waits that would lock them out now
            throttle.forgetAccount(user.username(), user.id());
        }
        return UserView.of(users.byId(user.id()).orElseThrow());
    }

    /**
     * Sets the password and ends the user's sessions and tokens: whoever used the old one (the
     * user, or someone who had it) signs in again with the new one, which the admin hands over.
     */
    @Transactional
    public void setPassword(Caller caller, long organizationId, String username, String password) {
        UserAccount user = member(caller, organizationId, username, "set your own password here; use PUT me/password");
        users.updatePassword(user.id(), passwords.encode(password));
        tokens.revokeAllBut(user.id(), null);
        // who set it and for whom; never the password
        AuditNotes.note("user", user.username());
        AuditNotes.note("passwordSetBy", caller.username());
    }

    /**
     * A user of the organisation, for a caller who may manage its users. A name that is not one of
     * its users is 404 in the words of a name no one has, as for removal: no one learns who
     * exists elsewhere.
     */
    private UserAccount member(Caller caller, long organizationId, String username, String ownAction) {
        organizations.requireCanAddUsers(caller, organizationId);
        Optional<UserAccount> user = users.byUsername(username == null ? "" : username)
                .filter(u -> u.organizationId() != null && u.organizationId() == organizationId);
        UserAccount found = user.orElseThrow(() -> PlatformException.notFound("User", username));
        if (found.id() == caller.userId()) {
            throw PlatformException.conflict("You cannot " + ownAction);
        }
        return found;
    }
}
