package io.consortia.platform.console;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.web.ConsolePage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/** The layout's model for every console page, and errors as pages rather than problem JSON. */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleAdvice.class);
    private final CurrentUser currentUser;
    private final OrganizationService organizations;

    ConsoleAdvice(CurrentUser currentUser, OrganizationService organizations) {
        this.currentUser = currentUser;
        this.organizations = organizations;
    }

    @ModelAttribute("viewer")
    Viewer viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        Caller caller = currentUser.get();
        String organization = caller.organizationId() == null ? null
                : organizations.get(caller.organizationId()).name();
        return Viewer.of(caller, organization);
    }

    /** Makes sure the XSRF-TOKEN cookie exists, which the console's scripts send back as a header. */
    @ModelAttribute
    void csrfCookie(org.springframework.security.web.csrf.CsrfToken csrf) {
        if (csrf != null) {
            csrf.getToken();
        }
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /**
     * This page in the other languages, with its query kept: the EN | 中文 links dropped the selected channel, an
     * explorer search or a log search (found by a tester).
     */
    @ModelAttribute("languageLinks")
    Map<String, String> languageLinks(HttpServletRequest request) {
        Map<String, String> links = new java.util.LinkedHashMap<>();
        for (String language : List.of("en", "zh-CN")) {
            links.put(language, languageLink(request.getRequestURI(), request.getQueryString(), language));
        }
        return links;
    }

    static String languageLink(String path, String query, String language) {
        try {
            return org.springframework.web.util.UriComponentsBuilder.fromPath(path).query(query)
                    .replaceQueryParam("lang", language).build(true).toUriString();
        } catch (IllegalArgumentException unreadableQuery) {
            return org.springframework.web.util.UriComponentsBuilder.fromPath(path).queryParam("lang", language)
                    .build().encode().toUriString();
        }
    }

    @ExceptionHandler(PlatformException.class)
    ModelAndView platformProblem(PlatformException e, HttpServletRequest request, HttpServletResponse response) {
        return error(request, response, e.status().value(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request,
            HttpServletResponse response) {
        return error(request, response, 400, "'" + e.getValue() + "' is not a valid " + e.getName());
    }

    /** Two identical creations raced past the "already exists" check: a conflict, as in the API. */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ModelAndView conflict(org.springframework.dao.DataIntegrityViolationException e, HttpServletRequest request,
            HttpServletResponse response) {
        LOG.debug("Refused by the database's constraints", e);
        return error(request, response, 409, "It already exists or changed meanwhile; reload and try again");
    }

    /** Anything else: logged with its cause, shown without internals. */
    @ExceptionHandler(RuntimeException.class)
    ModelAndView unexpected(RuntimeException e, HttpServletRequest request, HttpServletResponse response) {
        LOG.error("Console page failed", e);
        return error(request, response, 500, "Unexpected error; the platform's log has the details");
    }

    /**
     * The error page. Its headline is a sentence per status in the reader's language; the platform's
     * own detail (English, as the API answers it) follows as a secondary line.
     */
    private ModelAndView error(HttpServletRequest request, HttpServletResponse response, int status, String detail) {
        response.setStatus(status);
        ModelAndView page = new ModelAndView("console/error");
        page.addObject("status", status);
        page.addObject("detail", detail);
        page.addObject("explanation", "error.explain." + (EXPLAINED.contains(status) ? status : "other"));
        // An exception handler's view gets none of the @ModelAttribute values above: without them a
        // signed-in user's 403 or 404 page had no navigation and no user menu, as if signed out.
        page.addObject("viewer", viewerIfAny());
        page.addObject("currentPath", currentPath(request));
        page.addObject("languageLinks", languageLinks(request));
        return page;
    }

    /** The statuses the error page explains in its own words; any other reads error.explain.other. */
    static final java.util.Set<Integer> EXPLAINED = java.util.Set.of(400, 401, 403, 404, 409, 413, 429, 500, 502, 503);

    /** Null when signed out, or when the user cannot be read (disabled meanwhile, database down): the page still shows. */
    private Viewer viewerIfAny() {
        try {
            return viewer();
        } catch (RuntimeException unreadable) {
            LOG.debug("The error page shows no user menu", unreadable);
            return null;
        }
    }
}
