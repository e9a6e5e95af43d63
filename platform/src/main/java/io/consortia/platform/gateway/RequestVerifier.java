package io.consortia.platform.gateway;

import io.consortia.platform.custody.SecretSeal;
import io.consortia.sdk.gateway.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks a gateway request's signature (docs/gateway-signing.md). The order matters: nothing
 * that costs the platform (a nonce row, a rate-limit token) is spent before the signature is
 * known to be good, so an unsigned flood cannot burn another application's nonces or quota.
 * Then the nonce is claimed before a token is taken: a replayed request is validly signed, and
 * a flood of replays that took tokens would lock the key's real application out with 429s. The
 * claim is atomic (the nonce's primary key), so no concurrent copy of a request gets past it
 * either. A request refused for its rate gives its nonce back, to be sent again after
 * Retry-After: the nonce row of an over-eager but genuine client is written and removed.
 */
@Component
class RequestVerifier {
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** Headers that must come once whether or not they are signed; the signed ones are added per request. */
    private static final Set<String> ALWAYS_ONCE = Set.of("authorization", "host", "content-type",
            RequestSigner.DATE_HEADER, RequestSigner.NONCE_HEADER);
    private static final java.util.regex.Pattern NONCE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private final GatewayRepository repository;
    private final SecretOpener secrets;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final RateLimiter limiter = new RateLimiter();

    /** Opens a sealed secret key (the master-key seal; tests stand in for it). */
    interface SecretOpener {
        byte[] open(String sealed, String context);
    }

    @org.springframework.beans.factory.annotation.Autowired
    RequestVerifier(GatewayRepository repository, SecretSeal seal) {
        this(repository, seal::open, Clock.systemUTC(), System::nanoTime);
    }

    /** {@code nanoTime} is the rate limit's clock: monotonic, unlike {@code clock}, which dates requests. */
    RequestVerifier(GatewayRepository repository, SecretOpener secrets, Clock clock, LongSupplier nanoTime) {
        this.repository = repository;
        this.secrets = secrets;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** The key that signed the request, or a refusal saying why not. Headers by lower-case name, each sent once. */
    AccessKey verify(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        return verify(method, rawPath, rawQuery, headers, Set.of(), body);
    }

    /**
     * As above; {@code repeated} names (lower case) the headers the request carries more than once,
     * whose first value {@code headers} holds.
     */
    AccessKey verify(String method, String rawPath, String rawQuery, Map<String, String> headers,
            Set<String> repeated, byte[] body) {
        requireReadable(rawQuery);
        requireOnce(headers, repeated);
        RequestSigner.Authorization authorization;
        try {
            authorization = RequestSigner.parseAuthorization(headers.get("authorization"));
        } catch (IllegalArgumentException e) {
            throw GatewayRefusal.unsigned("Sign the request (docs/gateway-signing.md): " + e.getMessage());
        }
        for (String name : authorization.signedHeaders()) {
            if (!headers.containsKey(name)) {
                throw GatewayRefusal.unsigned("Signed header " + name + " is missing from the request");
            }
        }
        if (body != null && body.length > 0 && !authorization.signedHeaders().contains("content-type")) {
            // unsigned, the body's type could be changed on the way and the same signed bytes read otherwise
            throw GatewayRefusal.unsigned("SignedHeaders must include content-type when there is a body");
        }
        String nonce = headers.get(RequestSigner.NONCE_HEADER);
        if (!NONCE.matcher(nonce).matches()) {
            throw GatewayRefusal.unsigned("X-Consortia-Nonce must be 16-64 of A-Z, a-z, 0-9, '_', '-'");
        }
        Instant now = clock.instant();
        Instant signedAt = signedAt(headers.get(RequestSigner.DATE_HEADER));
        if (Duration.between(signedAt, now).abs().compareTo(WINDOW) > 0) {
            throw GatewayRefusal.clockSkew("X-Consortia-Date " + headers.get(RequestSigner.DATE_HEADER)
                    + " is more than 5 minutes from the platform's time " + RequestSigner.date(now)
                    + "; check the client's clock");
        }
        GatewayRepository.SealedKey sealed = repository.key(authorization.accessKeyId())
                .orElseThrow(() -> GatewayRefusal.unknownKey(authorization.accessKeyId()));
        AccessKey key = sealed.key();
        if (key.revokedAt() != null) {
            throw GatewayRefusal.revoked(key.accessKeyId());
        }
        if (now.toEpochMilli() >= key.expiresAt()) {
            throw GatewayRefusal.expired(key.accessKeyId());
        }
        String secret = new String(secrets.open(sealed.sealedSecret(), ApplicationService.sealContext(key.accessKeyId())),
                StandardCharsets.UTF_8);
        String canonicalRequest = RequestSigner.canonicalRequest(new RequestSigner.SignedRequest(method, rawPath,
                rawQuery, headers, authorization.signedHeaders(), body));
        String stringToSign = RequestSigner.stringToSign(headers.get(RequestSigner.DATE_HEADER), nonce,
                canonicalRequest);
        String expected = RequestSigner.signature(secret, stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw GatewayRefusal.badSignature(canonicalRequest, stringToSign);
        }
        // kept until no request carrying it can be inside the window any more, whatever its date
        long forgetAt = Math.max(now.toEpochMilli(), signedAt.toEpochMilli()) + WINDOW.toMillis() + 1_000;
        if (!repository.useNonce(key.id(), nonce, forgetAt)) {
            throw GatewayRefusal.replayed(nonce);
        }
        limiter.take(key.id(), key.rateLimitPerSecond(), nanoTime.getAsLong()).ifPresent(wait -> {
            repository.releaseNonce(key.id(), nonce);
            throw GatewayRefusal.rateLimited(key.rateLimitPerSecond(), wait);
        });
        repository.used(key.id(), now.toEpochMilli());
        return key;
    }

    /**
     * The signature covers the decoded query, and decoding fails on a malformed escape or a literal
     * '+' (which Spring reads as a space, RFC 3986 as a plus: "a+b" and "a%2Bb" would share one
     * signature and be read differently): checked first, so that such a request is a client's
     * mistake whoever sent it, not an error inside the signature check.
     */
    private static void requireReadable(String rawQuery) {
        try {
            RequestSigner.canonicalQuery(rawQuery);
        } catch (RequestSigner.AmbiguousPlusException e) {
            throw GatewayRefusal.plusInQuery();
        } catch (IllegalArgumentException e) {
            throw GatewayRefusal.unreadableQuery();
        }
    }

    /**
     * A signed or authentication header sent twice is refused before anything else: the signature
     * would cover one copy while a proxy, the servlet container or the application behind it could
     * read the other (the first wins here, the last elsewhere), so what was signed would not be
     * what is read.
     */
    private static void requireOnce(Map<String, String> headers, Set<String> repeated) {
        if (repeated.isEmpty()) {
            return;
        }
        Set<String> guarded = new TreeSet<>(ALWAYS_ONCE);
        try {
            guarded.addAll(RequestSigner.parseAuthorization(headers.get("authorization")).signedHeaders());
        } catch (IllegalArgumentException | NullPointerException e) {
            // a malformed Authorization is refused as unsigned right after; the fixed names still apply
        }
        for (String name : guarded) {
            if (repeated.contains(name)) {
                throw GatewayRefusal.repeatedHeader(name);
            }
        }
    }

    private static Instant signedAt(String date) {
        if (date == null) {
            throw GatewayRefusal.unsigned("X-Consortia-Date is missing");
        }
        try {
            return Instant.from(RequestSigner.DATE.parse(date));
        } catch (DateTimeParseException e) {
            // a malformed required header, like a malformed nonce: not a clock to resync
            throw GatewayRefusal.unsigned("X-Consortia-Date must be UTC in ISO 8601 basic format, e.g. "
                    + "20261202T180000Z, not " + date);
        }
    }

    @Scheduled(fixedDelay = 60_000)
    void forgetOldNonces() {
        repository.forgetNoncesBefore(clock.millis());
    }
}
