package io.consortia.platform.identity;

import io.consortia.platform.system.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /actuator/prometheus}. Its labels name every consortium, organisation, node, application
 * and certificate serial of the platform, so anyone who reached the console's port read who is in which
 * private consortium (found by a tester). A scraper sends the configured token
 * ({@code consortia.metrics.scrape-token}); without one configured, only this host may scrape. A request
 * a proxy forwarded (it names the client in {@code X-Forwarded-For} or {@code Forwarded}) is not this
 * host's, though it comes from loopback. Not a bean: registered in the security filter chain only.
 */
final class MetricsAccessFilter extends OncePerRequestFilter {
    static final String PATH = "/actuator/prometheus";
    static final String REFUSED = "The platform's metrics name every consortium and organisation: scrape them from "
            + "this host, or set consortia.metrics.scrape-token and send it as 'Authorization: Bearer <token>' "
            + "(Prometheus: authorization: {credentials: <token>})";
    private final byte[] token;

    MetricsAccessFilter(MetricsAccessProperties properties) {
        this.token = properties.scrapeToken() == null ? null : properties.scrapeToken().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (token != null ? carriesToken(request) : fromThisHost(request)) {
            // the scrape token is no user's: the bearer filter after this one must not try it as a session
            chain.doFilter(withoutAuthorization(request), response);
            return;
        }
        Problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", REFUSED);
    }

    private boolean carriesToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.startsWith("Bearer ") && MessageDigest.isEqual(token,
                header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    static boolean fromThisHost(HttpServletRequest request) {
        if (request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null) {
            return false;
        }
        try {
            return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static HttpServletRequest withoutAuthorization(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                        : super.getHeaders(name);
            }
        };
    }
}
