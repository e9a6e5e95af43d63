package io.consortia.platform.audit;

import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.PlatformException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Notes the signed-in user for {@link AuditFilter}, which runs outside Spring Security and no
 * longer sees its context. Before the handler (the user as they were when asking), or after it
 * for a sign-in, which is anonymous until the handler succeeds; and, through the filter's
 * response wrapper, when Spring Security itself answers (an auditor's write refused with 403).
 */
final class AuditCallerInterceptor implements HandlerInterceptor {
    private final CurrentUser currentUser;

    AuditCallerInterceptor(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        noteRoute(request);
        if (!"/api/v1/auth/login".equals(request.getRequestURI())) {
            capture(request); // a sign-in is by whom it signs in, known once it succeeded
        }
        return true;
    }

    /** Notes the route the handler mapping matched and its path variables, for the filter's record. */
    static void noteRoute(HttpServletRequest request) {
        // the matched route, kept as text: the handler mapping's attributes may be objects or gone by the time the filter reads them
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern != null) {
            request.setAttribute(AuditFilter.ROUTE, pattern.toString());
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            request.setAttribute(AuditFilter.TARGET, variables.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        capture(request);
    }

    /** Notes the signed-in user, if any, on the request; also called by the filter when a refusal is written. */
    void capture(HttpServletRequest request) {
        if (!AuditFilter.isAudited(request) || request.getAttribute(AuditFilter.CALLER) != null) {
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return;
        }
        try {
            request.setAttribute(AuditFilter.CALLER, currentUser.get());
        } catch (PlatformException e) {
            // not one of our users (a gateway's key, a deleted user): the filter records what it knows
        }
    }
}
