package io.consortia.platform.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Browser sessions hold only what a sign-in put there. Spring's session management stores the
 * authentication of any request that was authenticated during the request in a new session, and
 * a request with a bearer token is authenticated that way: every scripted call got a JSESSIONID
 * cookie that read everything on its own, after its token was signed out or had expired, for as
 * long as it was used. A request carrying a bearer token is authenticated by the token alone
 * ({@link BearerTokenFilter}), so nothing of it is ever stored in a session.
 */
final class SessionContexts implements SecurityContextRepository {
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    @Override
    @SuppressWarnings("deprecation") // required by the interface; Spring calls loadDeferredContext
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return sessions.loadContext(holder);
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return sessions.loadDeferredContext(request);
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        if (!BearerTokenFilter.carriesBearerToken(request)) {
            sessions.saveContext(context, request, response);
        }
    }

    /** True for a bearer-token request, so that session management leaves it alone: no session to prepare. */
    @Override
    public boolean containsContext(HttpServletRequest request) {
        return BearerTokenFilter.carriesBearerToken(request) || sessions.containsContext(request);
    }
}
