package io.consortia.platform.identity;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Turns a user into a Spring Security authentication; roles become ROLE_* authorities. */
final class Authorities {
    static final String AUDITOR = "ROLE_AUDITOR";

    private Authorities() {}

    static Authentication authentication(UserAccount user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (user.platformRole() != null) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + user.platformRole().name()));
        }
        if (user.organizationRole() != null) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ORGANIZATION_" + user.organizationRole().name()));
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                new CurrentUser.SignedIn(user.id(), user.username(), user.credentialsVersion()), null, authorities);
    }
}
