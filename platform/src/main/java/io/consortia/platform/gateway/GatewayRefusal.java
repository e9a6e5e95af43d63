package io.consortia.platform.gateway;

import io.consortia.platform.system.PlatformException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * Why the gateway refused a request: each reason its own problem type and title
 * (docs/gateway-signing.md, "Refusals"). Nothing is submitted for a refused request.
 */
final class GatewayRefusal extends PlatformException {
    private final String title;
    private final Duration retryAfter;
    private final java.util.Map<String, String> properties;

    private GatewayRefusal(HttpStatus status, String type, String title, String detail, Duration retryAfter) {
        this(status, type, title, detail, retryAfter, java.util.Map.of());
    }

    private GatewayRefusal(HttpStatus status, String type, String title, String detail, Duration retryAfter,
            java.util.Map<String, String> properties) {
        super(status, type, detail);
        this.title = title;
        this.retryAfter = retryAfter;
        this.properties = properties;
    }

    /** The problem's extra members, in order (e.g. what the platform signed, for a signature that does not match). */
    java.util.Map<String, String> properties() {
        return properties;
    }

    String title() {
        return title;
    }

    @Override
    public java.util.Optional<Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }

    /** The same type as the REST API's answer to an undecodable query. */
    static GatewayRefusal unreadableQuery() {
        return new GatewayRefusal(HttpStatus.BAD_REQUEST, "bad-request", "Query string cannot be read",
                "The query string has a '%' not followed by two hex digits; write a literal '%' as %25", null);
    }

    /** A literal '+': read as a space here, a plus to RFC 3986; refused rather than signed as one and read as the other. */
    static GatewayRefusal plusInQuery() {
        return new GatewayRefusal(HttpStatus.BAD_REQUEST, "bad-request", "Query string is ambiguous",
                "The query string has a literal '+', which could mean a space or a plus: write a space as %20 and a "
                        + "plus as %2B", null);
    }

    /** The header by its lower-case name, as SignedHeaders names it. */
    static GatewayRefusal repeatedHeader(String name) {
        return new GatewayRefusal(HttpStatus.BAD_REQUEST, "bad-request", "Header repeated",
                "Header " + name + " is sent more than once; send each signed or authentication header once", null);
    }

    static GatewayRefusal unsigned(String detail) {
        return new GatewayRefusal(HttpStatus.UNAUTHORIZED, "gateway-unsigned", "Request not signed", detail, null);
    }

    static GatewayRefusal clockSkew(String detail) {
        return new GatewayRefusal(HttpStatus.UNAUTHORIZED, "gateway-clock-skew", "Request outside the time window",
                detail, null);
    }

    static GatewayRefusal unknownKey(String accessKeyId) {
        return new GatewayRefusal(HttpStatus.UNAUTHORIZED, "gateway-unknown-key", "Unknown access key",
                "Access key " + accessKeyId + " does not exist", null);
    }

    static GatewayRefusal revoked(String accessKeyId) {
        return new GatewayRefusal(HttpStatus.UNAUTHORIZED, "gateway-key-revoked", "Access key revoked",
                "Access key " + accessKeyId + " was revoked; ask your organisation admin for a new one", null);
    }

    static GatewayRefusal expired(String accessKeyId) {
        return new GatewayRefusal(HttpStatus.UNAUTHORIZED, "gateway-key-expired", "Access key expired",
                "Access key " + accessKeyId + " has expired; ask your organisation admin for a new one", null);
    }

    /**
     * Names what the platform signed: without it a client can only guess which of its lines differs
     * (an escape, a header's case or spaces, the port in Host). Both are built from the request alone,
     * which the caller sent, and reveal nothing of the secret key.
     */
    static GatewayRefusal badSignature(String canonicalRequest, String stringToSign) {
        java.util.Map<String, String> computed = new java.util.LinkedHashMap<>();
        computed.put("canonicalRequest", canonicalRequest);
        computed.put("stringToSign", stringToSign);
        return new GatewayRefusal(HttpStatus.UNAUTHORIZED, "gateway-bad-signature", "Signature does not match",
                "The signature does not match the request; compare the canonical request and string to sign the "
                        + "platform computed (canonicalRequest, stringToSign) with yours (docs/gateway-signing.md)",
                null, java.util.Collections.unmodifiableMap(computed));
    }

    static GatewayRefusal replayed(String nonce) {
        return new GatewayRefusal(HttpStatus.UNAUTHORIZED, "gateway-replayed-nonce", "Nonce already used",
                "Nonce " + nonce + " was already used with this access key; sign every request with a new nonce",
                null);
    }

    static GatewayRefusal outOfScope(String detail) {
        return new GatewayRefusal(HttpStatus.FORBIDDEN, "gateway-out-of-scope", "Outside the access key's scope",
                detail, null);
    }

    static GatewayRefusal rateLimited(int perSecond, Duration retryAfter) {
        return new GatewayRefusal(HttpStatus.TOO_MANY_REQUESTS, "gateway-rate-limited", "Rate limit exceeded",
                "This access key allows " + perSecond + " requests a second; try again after Retry-After",
                retryAfter);
    }
}
