package io.consortia.platform.identity;

import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates users and checks passwords; the rules of who may create whom live here. */
@Service
public class UserService {
    // two characters at least: many people sign in with a two-letter name (li, wu, he)
    public static final String USERNAME = "[a-z0-9][a-z0-9._-]{1,63}";
    public static final String USERNAME_RULE = "must be 2-64 of a-z, 0-9, '.', '_', '-' starting with a letter or digit";
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final OrganizationRules organizations;
    private final String dummyHash;
    private final ApplicationEventPublisher events;
    private final OrganizationLock lock;

    UserService(UserRepository users, PasswordEncoder passwords, OrganizationRules organizations,
            ApplicationEventPublisher events, OrganizationLock lock) {
        this.users = users;
        this.lock = lock;
        this.events = events;
        this.passwords = passwords;
        this.organizations = organizations;
        this.dummyHash = passwords.encode("no-such-user-timing-equalizer");
    }

    /**
     * Platform admins create any user; an organisation admin creates users of their own
     * organisation only.
     */
    @Transactional
    public UserView create(Caller caller, NewUser request) {
        boolean platformUser = request.platformRole() != null;
        if (platformUser == (request.organizationId() != null)) {
            throw PlatformException.invalid("Give either platformRole, or organizationId with organizationRole");
        }
        if (platformUser) {
            caller.requirePlatformAdmin();
        } else {
            if (request.organizationRole() == null) {
                throw InvalidFields.field("organizationRole", "is required with organizationId (ADMIN or MEMBER)");
            }
            organizations.requireCanAddUsers(caller, request.organizationId());
        }
        if (users.byUsername(request.username()).isPresent()) {
            throw PlatformException.conflict("User '" + request.username() + "' already exists; choose another name");
        }
        if (users.retired(request.username())) {
            throw PlatformException.conflict("The username '" + request.username() + "' belonged to a user who was "
                    + "removed, and stays theirs: it names their on-chain account (what it holds stays there) and their "
                    + "records in the audit trail; choose another name");
        }
        long id = users.insert(request.username(), passwords.encode(request.password()), request.platformRole(),
                request.organizationId(), platformUser ? null : request.organizationRole(), System.currentTimeMillis());
        UserView created = UserView.of(users.byId(id).orElseThrow());
        AuditNotes.note("user", created.username());
        AuditNotes.note("platformRole", created.platformRole());
        AuditNotes.note("organization", created.organizationId());
        AuditNotes.note("role", created.organizationRole());
        return created;
    }

    public List<UserView> all(Caller caller) {
        if (!caller.seesEverything()) {
            throw PlatformException.forbidden("Only platform admins and auditors list all users");
        }
        return users.all().stream().map(UserView::of).toList();
    }

    /** The users of one organisation, unchecked: the organisation feature decides who may see them. */
    public List<UserView> ofOrganization(long organizationId) {
        return users.ofOrganization(organizationId).stream().map(UserView::of).toList();
    }

    public UserView view(Caller caller) {
        return UserView.of(users.byId(caller.userId()).orElseThrow());
    }

    Optional<UserAccount> authenticate(String username, String password) {
        Optional<UserAccount> user = users.byUsername(username == null ? "" : username);
        if (user.isEmpty()) {
            passwords.matches(password == null ? "" : password, dummyHash); // same time either way
            // not the name typed: it is anyone's text, sometimes a password typed in the wrong field
            noteSignIn(null, "FAILED", "unknown user");
            return Optional.empty();
        }
        // a disabled user is answered as a wrong password, after the same hashing: strangers do not learn the state
        if (!passwords.matches(password == null ? "" : password, user.get().passwordHash())) {
            noteSignIn(user.get().username(), "FAILED", "wrong password");
            return Optional.empty();
        }
        noteSignIn(user.get().username(), user.get().enabled() ? "SUCCEEDED" : "FAILED",
                user.get().enabled() ? null : "disabled");
        return user.filter(UserAccount::enabled);
    }

    /** Whose sign-in it was and how it ended, for its audit record (an auditor sees who failed, and why); never the password. */
    private static void noteSignIn(String username, String outcome, String reason) {
        AuditNotes.note("user", username);
        AuditNotes.note("signIn", outcome);
        AuditNotes.note("reason", reason);
    }

    /**
     * Removes a user (platform admin: any; organisation admin: their organisation's users; no one
     * removes themselves, nor an organisation's only admin: nobody would be left to manage it). Their
     * sessions end, and their certificates are revoked
     * ({@link UserRemoved}, handled in this transaction).
     */
    @Transactional
    public void remove(Caller caller, String username) {
        UserAccount user = visible(caller, username);
        if (user.organizationId() != null) {
            // it may be an admin, whom a demotion running now counts on
            caller = lock.lock(user.organizationId(), caller);
            user = visible(caller, username);
        }
        if (user.id() == caller.userId()) {
            throw PlatformException.conflict("You cannot remove yourself; ask another admin");
        }
        if (user.organizationId() == null) {
            caller.requirePlatformAdmin();
        } else {
            organizations.requireCanAddUsers(caller, user.organizationId());
            // counted under the organisation's lock: two removals at once cannot both see another admin
            EnabledAdmins.requireAnother(users, user);
        }
        users.delete(user.id());
        AuditNotes.note("user", user.username());
        AuditNotes.note("organization", user.organizationId());
        AuditNotes.note("role", user.organizationId() == null ? user.platformRole() : user.organizationRole());
        events.publishEvent(new UserRemoved(caller, user.id(), user.username(), user.organizationId()));
    }

    /**
     * The named user as the caller may see them. Users of other organisations and platform-level
     * accounts are not listed to an organisation's users (GET /users is for platform admins and
     * auditors), so for them such a user is 404 with the very words of a name no one has: a 403
     * naming the user's organisation or platform role would tell who exists and where.
     */
    private UserAccount visible(Caller caller, String username) {
        Optional<UserAccount> user = users.byUsername(username == null ? "" : username);
        return user.filter(u -> caller.seesEverything() || (u.organizationId() != null
                        && caller.belongsTo(u.organizationId())))
                .orElseThrow(() -> PlatformException.notFound("User", username));
    }
}
