package io.consortia.sdk.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of the webhooks the platform sends to an application,
 * CONSORTIA-WEBHOOK-HMAC-SHA256 (docs/gateway-signing.md, section 7). The platform signs with
 * it; a receiver verifies:
 *
 * <pre>{@code
 * boolean genuine = WebhookSignature.verify(secretKey, request.header("X-Consortia-Signature"),
 *         request.header("X-Consortia-Date"), request.header("X-Consortia-Delivery"), rawBody, Instant.now());
 * }</pre>
 */
public final class WebhookSignature {
    public static final String ALGORITHM = "CONSORTIA-WEBHOOK-HMAC-SHA256";
    /** How far a webhook's date may be from the receiver's clock. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    private static final HexFormat HEX = HexFormat.of();

    private WebhookSignature() {}

    /** The string to sign: the algorithm, the date, the delivery id and hex SHA-256 of the body, by '\n'. */
    public static String stringToSign(String date, String deliveryId, byte[] body) {
        return ALGORITHM + "\n" + date + "\n" + deliveryId + "\n" + RequestSigner.sha256Hex(body);
    }

    /** Hex HMAC-SHA256 of the string to sign under the secret key's UTF-8 bytes. */
    public static String sign(String secretKey, String date, String deliveryId, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(stringToSign(date, deliveryId, body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** The X-Consortia-Signature header's value. */
    public static String header(String accessKeyId, String signature) {
        return ALGORITHM + " Credential=" + accessKeyId + ", Signature=" + signature;
    }

    /** The access key id an X-Consortia-Signature header names (to find its secret), or empty if malformed. */
    public static java.util.Optional<String> accessKeyId(String header) {
        return parse(header).map(parts -> parts[0]);
    }

    /**
     * Whether a webhook is genuine: the header is well formed, the date within {@link #WINDOW} of
     * {@code now}, and the signature that of the secret key over this date, delivery id and body
     * (compared in constant time).
     */
    public static boolean verify(String secretKey, String header, String date, String deliveryId, byte[] body,
            Instant now) {
        java.util.Optional<String[]> parts = parse(header);
        if (parts.isEmpty() || date == null || deliveryId == null || body == null) {
            return false;
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(RequestSigner.DATE.parse(date));
        } catch (DateTimeParseException e) {
            return false;
        }
        if (Duration.between(signedAt, now).abs().compareTo(WINDOW) > 0) {
            return false;
        }
        return MessageDigest.isEqual(sign(secretKey, date, deliveryId, body).getBytes(StandardCharsets.US_ASCII),
                parts.get()[1].getBytes(StandardCharsets.US_ASCII));
    }

    /** [access key id, signature] of a well-formed header. */
    private static java.util.Optional<String[]> parse(String header) {
        String prefix = ALGORITHM + " Credential=";
        if (header == null || !header.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        String[] fields = header.substring(prefix.length()).split(",\\s*Signature=", -1);
        if (fields.length != 2 || fields[0].isBlank() || !fields[1].matches("[0-9a-f]{64}")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(fields);
    }
}
