package io.consortia.platform.identity;

import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user changing their own password. A change is the usual answer to a stolen token or session,
 * so it ends every one of them except the one making the change: the user's other bearer tokens
 * are deleted, and the credentials version moves on, which ends their browser sessions
 * ({@link StaleSessionFilter}). Keeping the caller's own token or session spares them signing in
 * again with the password they just chose; the controller gives a kept session a new id. Wrong
 * current passwords are throttled as sign-ins are ({@link PasswordConfirmation}), since a stolen
 * token or session would otherwise allow guessing the password freely.
 */
@Service
class PasswordChanges {
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TokenService tokens;
    private final PasswordConfirmation confirmation;

    PasswordChanges(UserRepository users, PasswordEncoder passwords, TokenService tokens,
            PasswordConfirmation confirmation) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.confirmation = confirmation;
    }

    /**
     * @param keptToken the bearer token the change was made with, left valid; null when made in a
     *     browser session (then every token ends)
     * @return the user as now stored, for re-saving the caller's session
     */
    @Transactional
    UserAccount change(Caller caller, String currentPassword, String newPassword, String keptToken) {
        confirmation.confirm(caller, currentPassword);
        UserAccount user = users.byId(caller.userId()).orElseThrow();
        if (newPassword == null || newPassword.length() < 12 || newPassword.length() > 128) {
            throw InvalidFields.field("newPassword", "must be 12 to 128 characters");
        }
        users.updatePassword(user.id(), passwords.encode(newPassword));
        tokens.revokeAllBut(user.id(), keptToken);
        return users.byId(user.id()).orElseThrow();
    }
}
