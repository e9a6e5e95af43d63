package io.consortia.platform.identity;

import io.consortia.platform.system.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests. An unknown or expired token, or
 * a disabled user's, is answered with 401 at once rather than treated as anonymous, so clients notice.
 * Not a bean: registered in the security filter chain only.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    private static final String PREFIX = "Bearer ";
    private final TokenService tokens;
    private final UserRepository users;

    BearerTokenFilter(TokenService tokens, UserRepository users) {
        this.tokens = tokens;
        this.users = users;
    }

    /** Whether this filter decides the request's authentication (by its token, or by refusing it). */
    static boolean carriesBearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.startsWith(PREFIX);
    }

    /** The bearer token the request carries; null when it carries none. */
    static String token(HttpServletRequest request) {
        return carriesBearerToken(request)
                ? request.getHeader(HttpHeaders.AUTHORIZATION).substring(PREFIX.length()).trim()
                : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(PREFIX)) {
            chain.doFilter(request, response);
            return;
        }
        // a disabled user's tokens were deleted; one issued by a sign-in racing the disabling is refused here
        Optional<UserAccount> user = tokens.resolve(header.substring(PREFIX.length()).trim()).flatMap(users::byId)
                .filter(UserAccount::enabled);
        if (user.isEmpty()) {
            Problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "The bearer token is unknown or expired; sign in again");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(Authorities.authentication(user.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
