package io.consortia.platform.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The route template of a request that no handler ran for because Spring Security answered it first (an
 * auditor's write refused with 403): the interceptor never saw it, so its record read the raw path
 * ("POST /api/v1/consortia/42/channels") where every other record reads the route
 * ("POST /api/v1/consortia/{id}/channels"), and a search by route missed it. The controllers' handler
 * mapping is asked which route the request would have taken.
 */
final class AuditRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRoutes.class);
    private final Supplier<HandlerMapping> controllers;

    /** {@code controllers}: looked up when first needed, since the mapping is built after the filter. */
    AuditRoutes(Supplier<HandlerMapping> controllers) {
        this.controllers = controllers;
    }

    /** Notes the request's route and path variables, as the interceptor does, unless it did already. */
    void note(HttpServletRequest request) {
        if (request.getAttribute(AuditFilter.ROUTE) != null) {
            return;
        }
        boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
        try {
            if (!parsed) {
                ServletRequestPathUtils.parseAndCache(request); // what the dispatcher does before asking a mapping
            }
            if (controllers.get().getHandler(request) != null) {
                AuditCallerInterceptor.noteRoute(request);
            }
        } catch (Exception noRoute) {
            // no controller takes it (unknown path, method not allowed): the record keeps the raw path
            LOG.debug("No route for {} {}", request.getMethod(), request.getRequestURI(), noRoute);
        } finally {
            if (!parsed) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }
}
