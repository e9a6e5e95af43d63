package io.consortia.platform.audit;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.AuditNotes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every state-changing request to {@code /api/v1/**} and every request to
 * {@code /gateway/**}, after it was answered: who, organisation, method and route template,
 * the path variables, the remote address and the status. Bodies and query strings are never
 * recorded (they may carry passwords and secret keys). Runs outside Spring Security so that
 * refused requests are recorded too; the signed-in user is captured inside the dispatch by
 * {@link AuditCallerInterceptor}, an access key by the gateway's request attributes.
 */
final class AuditFilter extends OncePerRequestFilter {
    private static final String GATEWAY_ACCESS_KEY = AuditTrail.GATEWAY_ACCESS_KEY;
    private static final String GATEWAY_ORGANIZATION = AuditTrail.GATEWAY_ORGANIZATION;
    static final String CALLER = "consortia.audit.caller";
    static final String ROUTE = "consortia.audit.route";
    static final String TARGET = "consortia.audit.target";
    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private final AuditTrail trail;
    private final AuditCallerInterceptor callers;
    private final AuditRoutes routes;

    AuditFilter(AuditTrail trail, AuditCallerInterceptor callers, AuditRoutes routes) {
        this.trail = trail;
        this.callers = callers;
        this.routes = routes;
    }

    static boolean isAudited(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/gateway/")) {
            return true;
        }
        if (path.startsWith("/api/v1/audit/export")) {
            return true; // who took a copy of the trail is itself worth knowing
        }
        if (path.startsWith("/api/v1/consortia/") && path.endsWith("/transactions/export")) {
            return true; // and who took a copy of a channel's transactions
        }
        return path.startsWith("/api/") && !SAFE_METHODS.contains(request.getMethod());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isAudited(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int status = 500;
        try {
            chain.doFilter(request, new CallerCapturingResponse(response, () -> callers.capture(request)));
            status = response.getStatus();
        } finally {
            try {
                routes.note(request); // a request Spring Security refused never reached the interceptor
                trail.record(event(request, status));
            } catch (RuntimeException e) {
                // the change has happened already; losing its record must be loud, not fatal to the answer
                LOG.error("Could not record {} {} in the audit trail", request.getMethod(), request.getRequestURI(), e);
            }
        }
    }

    private static AuditEvent event(HttpServletRequest request, int status) {
        String kind = AuditEvent.USER;
        String actor = AuditEvent.ANONYMOUS;
        Long organization = null;
        if (request.getAttribute(CALLER) instanceof Caller caller) {
            actor = caller.username();
            organization = caller.organizationId();
        } else if (request.getAttribute(GATEWAY_ACCESS_KEY) instanceof String accessKey && !accessKey.isBlank()) {
            kind = AuditEvent.ACCESS_KEY;
            actor = accessKey;
            organization = request.getAttribute(GATEWAY_ORGANIZATION) instanceof Number n ? n.longValue() : null;
        }
        String route = request.getAttribute(ROUTE) instanceof String r && !r.equals("/**") ? r : request.getRequestURI();
        String target = request.getAttribute(TARGET) instanceof String t ? t : "";
        String agent = HeaderText.of(request.getHeader("User-Agent"));
        // the notes before the agent: the agent runs to the end of details, unquoted, and is clipped first
        String details = "auth=" + authentication(request) + gatewayRefusal(request)
                + AuditNotes.text(request.getAttribute(AuditNotes.ATTRIBUTE))
                + (agent == null ? "" : " agent=" + agent);
        return new AuditEvent(kind, actor, organization, request.getMethod() + " " + route, target,
                request.getRemoteAddr(), status, details);
    }

    /** " refused=<problem type>" and " claimedKey=<id>" for a request the gateway refused before a controller. */
    private static String gatewayRefusal(HttpServletRequest request) {
        String text = "";
        if (request.getAttribute(AuditTrail.GATEWAY_REFUSAL) instanceof String type) {
            text += " refused=" + type;
        }
        if (request.getAttribute(AuditTrail.GATEWAY_CLAIMED_KEY) instanceof String claimed) {
            text += " claimedKey=" + claimed;
        }
        return text;
    }

    private static String authentication(HttpServletRequest request) {
        if (request.getAttribute(GATEWAY_ACCESS_KEY) != null) {
            return "access-key";
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            return "bearer";
        }
        return request.getRequestedSessionId() != null ? "session" : "none";
    }

    /**
     * Notes the caller when the answer begins to be written: by then a refusal from Spring
     * Security (which never reaches the interceptor) still runs inside the security context.
     */
    private static final class CallerCapturingResponse extends jakarta.servlet.http.HttpServletResponseWrapper {
        private final Runnable capture;

        CallerCapturingResponse(HttpServletResponse response, Runnable capture) {
            super(response);
            this.capture = capture;
        }

        @Override
        public void setStatus(int sc) {
            capture.run();
            super.setStatus(sc);
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            capture.run();
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            capture.run();
            super.sendError(sc);
        }

        @Override
        public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
            capture.run();
            return super.getOutputStream();
        }

        @Override
        public java.io.PrintWriter getWriter() throws IOException {
            capture.run();
            return super.getWriter();
        }
    }
}
