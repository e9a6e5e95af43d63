package io.consortia.platform.identity;

import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The signed-in user re-entering their current password before something a stolen bearer token
 * or browser session must not do on its own: changing the password, exporting the organisation's
 * private keys. Wrong passwords are throttled per user as sign-ins are ({@link SignInThrottle}),
 * counted together whichever of these asked, or a stolen token could guess the password freely
 * through the one that is not throttled.
 */
@Service
public class PasswordConfirmation {
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;

    PasswordConfirmation(UserRepository users, PasswordEncoder passwords, SignInThrottle throttle) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    /**
     * Checks the request's {@code currentPassword} against the caller's own: 429 with the wait
     * while throttled (not checked then), 400 "currentPassword is wrong" when it does not match.
     * A correct one resets the count.
     */
    public void confirm(Caller caller, String currentPassword) {
        UserAccount user = users.byId(caller.userId()).orElseThrow();
        throttle.waitBeforePasswordChange(user.id()).ifPresent(wait -> {
            throw PlatformException.tooManyRequests("Too many wrong current passwords for this account; try again in "
                    + SignInThrottle.seconds(wait) + " s", wait);
        });
        if (currentPassword == null || !passwords.matches(currentPassword, user.passwordHash())) {
            throttle.passwordChangeFailed(user.id());
            throw InvalidFields.field("currentPassword", "is wrong");
        }
        throttle.passwordChangeSucceeded(user.id());
    }
}
