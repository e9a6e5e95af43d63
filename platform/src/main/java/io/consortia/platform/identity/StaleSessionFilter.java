package io.consortia.platform.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a browser session whose user has changed their password (or was disabled or removed)
 * since it signed in: a session is kept in the database (it survives restarts) and would otherwise
 * outlast the credentials that opened it. The request goes on unauthenticated, so it gets the usual 401 (console pages: the sign-in
 * page). Bearer-token requests are left to {@link BearerTokenFilter}: a change deletes the tokens.
 * Not a bean: registered in the security filter chain only.
 */
final class StaleSessionFilter extends OncePerRequestFilter {
    private final UserRepository users;

    StaleSessionFilter(UserRepository users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!BearerTokenFilter.carriesBearerToken(request)
                && isStale(SecurityContextHolder.getContext().getAuthentication())) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }

    private boolean isStale(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser.SignedIn signedIn)) {
            return false;
        }
        return users.byId(signedIn.userId())
                .map(user -> !user.enabled() || user.credentialsVersion() != signedIn.credentialsVersion())
                .orElse(true);
    }
}
