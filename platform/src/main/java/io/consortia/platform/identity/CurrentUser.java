package io.consortia.platform.identity;

import io.consortia.platform.system.PlatformException;
import java.io.Serializable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The signed-in user of the current request, re-read from the database on every call so a
 * role change takes effect at once, also for open sessions, and a disabled user is no caller at all.
 */
@Component
public class CurrentUser {
    private final UserRepository users;

    CurrentUser(UserRepository users) {
        this.users = users;
    }

    public Caller get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedIn signedIn)) {
            throw new PlatformException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in first");
        }
        return users.byId(signedIn.userId())
                .filter(UserAccount::enabled) // disabled while this request ran: nothing more on their behalf
                .map(UserAccount::toCaller)
                .orElseThrow(() -> new PlatformException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                        "The signed-in user no longer exists or is disabled"));
    }

    /**
     * The principal stored in the security context (session or bearer token), with the user's
     * credentials version when it signed in: a session is refused once that is out of date.
     * Serializable because sessions are kept in the database (Spring Session JDBC); a record is read back by
     * its component names, so a session stored by an older platform version still opens after an upgrade.
     */
    record SignedIn(long userId, String username, int credentialsVersion) implements Serializable {
        @Override
        public String toString() {
            return username;
        }
    }
}
