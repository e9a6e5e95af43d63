package io.consortia.sdk.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client of the platform's application gateway ({@code /gateway/v1}) that signs every request
 * with an access key (docs/gateway-signing.md). Answers are returned as they come: status and
 * JSON body (an RFC 9457 problem when refused).
 *
 * <pre>{@code
 * GatewayClient client = GatewayClient.of("https://platform:8080", "AK...", "SK...");
 * // notarize a document hash (64 hex characters) with the built-in contract notarization
 * Response r = client.post("/gateway/v1/channels/main/transactions",
 *         "{\"contract\":\"notarization\",\"function\":\"record\",\"args\":[\"" + documentHash + "\",\"invoice 42\"]}");
 * // 200 also when the contract refuses the call: each outcome's "code" says VALID or why not
 * }</pre>
 *
 * <p>A query is percent-encoded by the caller; a literal {@code +} is refused before anything is
 * sent ({@link RequestSigner.AmbiguousPlusException}): write a space as {@code %20}, a plus as
 * {@code %2B}.
 */
public final class GatewayClient {
    private static final List<String> SIGNED = List.of("content-type", "host", RequestSigner.DATE_HEADER,
            RequestSigner.NONCE_HEADER);
    private final URI base;
    private final String accessKeyId;
    private final String secretKey;
    private final HttpClient http;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private GatewayClient(URI base, String accessKeyId, String secretKey, HttpClient http, Clock clock) {
        this.base = Objects.requireNonNull(base, "base");
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.http = http;
        this.clock = clock;
    }

    /** A client of the platform at {@code baseUrl} (scheme, host and port). */
    public static GatewayClient of(String baseUrl, String accessKeyId, String secretKey) {
        return new GatewayClient(URI.create(baseUrl), accessKeyId, secretKey,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC());
    }

    /** As {@link #of}, with a clock (tests of the time window). */
    public GatewayClient withClock(Clock clock) {
        return new GatewayClient(base, accessKeyId, secretKey, http, clock);
    }

    /** An answer: HTTP status and body. */
    public record Response(int status, String body) {}

    public Response get(String pathAndQuery) {
        return send(prepare("GET", pathAndQuery, new byte[0], newNonce()));
    }

    public Response post(String pathAndQuery, String json) {
        return send(prepare("POST", pathAndQuery, json.getBytes(StandardCharsets.UTF_8), newNonce()));
    }

    /** A signed request, not yet sent: it may be sent more than once (to test replay refusal). */
    public HttpRequest prepare(String method, String pathAndQuery, byte[] body, String nonce) {
        URI uri = base.resolve(pathAndQuery);
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("content-type", "application/json");
        headers.put(RequestSigner.DATE_HEADER, RequestSigner.date(clock.instant()));
        headers.put(RequestSigner.NONCE_HEADER, nonce);
        String signature = RequestSigner.sign(secretKey, new RequestSigner.SignedRequest(method, uri.getRawPath(),
                uri.getRawQuery(), headers, SIGNED, body));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Content-Type", headers.get("content-type"))
                .header("X-Consortia-Date", headers.get(RequestSigner.DATE_HEADER))
                .header("X-Consortia-Nonce", nonce)
                .header("Authorization", RequestSigner.authorization(accessKeyId, SIGNED, signature));
        return builder.method(method, body.length == 0 && "GET".equals(method)
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("The gateway did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the gateway", e);
        }
    }

    /** 32 random hex characters. */
    public String newNonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
