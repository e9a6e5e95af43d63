package io.consortia.platform.gateway;

import io.consortia.platform.audit.AuditTrail;
import io.consortia.platform.system.BodyInMemory;
import io.consortia.sdk.gateway.RequestSigner;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Verifies the signature of every {@code /gateway/v1} request before anything else sees it
 * (registered for that path only, by {@link GatewayConfig}). The body is read once, hashed, and
 * handed on to the controller from memory.
 */
final class GatewayFilter extends OncePerRequestFilter {
    static final String KEY = GatewayFilter.class.getName() + ".key";
    /** What a claimed (possibly made-up) key id may look like to be recorded. */
    private static final Pattern CLAIMED_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private final RequestVerifier verifier;
    private final GatewayRepository repository;

    GatewayFilter(RequestVerifier verifier, GatewayRepository repository) {
        this.verifier = verifier;
        this.repository = repository;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // bounded already: RequestSizeFilter refused a larger body, whether its length was announced or not
        byte[] body = request.getInputStream().readAllBytes();
        Map<String, String> headers = new HashMap<>();
        Set<String> repeated = new HashSet<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (headers.containsKey(lower) || Collections.list(request.getHeaders(name)).size() > 1) {
                repeated.add(lower);
            }
            headers.putIfAbsent(lower, request.getHeader(name));
        }
        AccessKey key;
        try {
            key = verifier.verify(request.getMethod(), request.getRequestURI(), request.getQueryString(), headers,
                    repeated, body);
        } catch (GatewayRefusal refusal) {
            noteRefused(request, headers.get("authorization"), refusal);
            GatewayProblems.write(request, response, refusal);
            return;
        }
        request.setAttribute(KEY, key);
        noteActor(request, key);
        chain.doFilter(new BodyInMemory(request, body), response);
    }

    /** The audit trail (outside this filter) records the call under the access key and its organisation. */
    private void noteActor(HttpServletRequest request, AccessKey key) {
        request.setAttribute(AuditTrail.GATEWAY_ACCESS_KEY, key.accessKeyId());
        repository.application(key.applicationId()).ifPresent(app -> request.setAttribute(
                AuditTrail.GATEWAY_ORGANIZATION, app.organizationId()));
    }

    /**
     * A refusal is recorded under the key the request names when that key exists (a revoked key's
     * caller is worth knowing; the request is not proof the key's holder sent it, the refusal says
     * so); an unknown key id stays anonymous but is recorded as claimed. Never the signature.
     */
    private void noteRefused(HttpServletRequest request, String authorization, GatewayRefusal refusal) {
        request.setAttribute(AuditTrail.GATEWAY_REFUSAL, refusal.type());
        String claimed;
        try {
            claimed = RequestSigner.parseAuthorization(authorization).accessKeyId();
        } catch (IllegalArgumentException | NullPointerException e) {
            return; // no key named: anonymous
        }
        if (claimed == null || !CLAIMED_KEY.matcher(claimed).matches()) {
            return; // not something to copy into the trail verbatim
        }
        Optional<GatewayRepository.SealedKey> known = repository.key(claimed);
        if (known.isPresent()) {
            noteActor(request, known.get().key());
        } else {
            request.setAttribute(AuditTrail.GATEWAY_CLAIMED_KEY, claimed);
        }
    }
}
