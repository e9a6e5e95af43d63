package io.consortia.platform.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver checks that a webhook came from this platform: HMAC-SHA256 under the
 * channel's secret over {@code <timestamp>.<body>} (the timestamp header's value, a dot, the
 * raw body), sent as {@code X-Consortia-Signature: sha256=<hex>}. The timestamp is signed so a
 * captured request cannot be replayed later unnoticed.
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-Consortia-Signature";
    public static final String TIMESTAMP_HEADER = "X-Consortia-Timestamp";
    public static final String DELIVERY_HEADER = "X-Consortia-Delivery";
    public static final String EVENT_HEADER = "X-Consortia-Event";

    private WebhookSignature() {}

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
