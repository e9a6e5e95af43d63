package io.consortia.platform.event;

import io.consortia.sdk.gateway.RequestSigner;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhooks with the application's secret key (docs/gateway-signing.md, "Webhooks"). The
 * string to sign starts with its own algorithm name, so a webhook's signature can never pass
 * for a request's, nor a request's for a webhook's.
 */
final class WebhookSigner {
    static final String ALGORITHM = "CONSORTIA-WEBHOOK-HMAC-SHA256";
    private static final HexFormat HEX = HexFormat.of();

    private WebhookSigner() {}

    /** The same for every attempt at one event of one subscription, and different for anything else. */
    static String deliveryId(long subscriptionId, Position position) {
        return UUID.nameUUIDFromBytes(("consortia-webhook:" + subscriptionId + ":" + position.id())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String date(Instant at) {
        return RequestSigner.date(at);
    }

    static String stringToSign(String date, String deliveryId, byte[] body) {
        return ALGORITHM + "\n" + date + "\n" + deliveryId + "\n" + HEX.formatHex(sha256(body));
    }

    /** Hex HMAC-SHA256 of the string to sign under the secret key's UTF-8 bytes. */
    static String signature(String secretKey, String date, String deliveryId, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(stringToSign(date, deliveryId, body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    static String header(String accessKeyId, String signature) {
        return ALGORITHM + " Credential=" + accessKeyId + ", Signature=" + signature;
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
