package io.consortia.platform.backup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key as a backup sees it: never stored in a backup, only proven. A backup records
 * an HMAC of a fixed text under the key; a restore recomputes it with the key it was given and
 * then opens every sealed custody key with it (the custody format: base64 of version 1, a
 * 12-byte nonce and AES-256-GCM ciphertext, its row's context as associated data).
 */
final class MasterKeyCheck {
    private static final byte[] TEXT = "consortia platform backup: master key check v1".getBytes(StandardCharsets.UTF_8);

    private MasterKeyCheck() {}

    /** Base64 of 32 bytes, as in {@code master.key} and {@code consortia.master-key}. */
    static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key in " + source + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("the master key in " + source + " is not 32 bytes");
        }
        return key;
    }

    static String of(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(TEXT));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code key} opens a sealed custody value bound to {@code context}. */
    static boolean opens(byte[] key, String sealedBase64, String context) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(sealedBase64));
            if (buffer.get() != 1) {
                return true; // a later sealing format: the HMAC check above has vouched for the key
            }
            byte[] nonce = new byte[12];
            buffer.get(nonce);
            byte[] sealed = new byte[buffer.remaining()];
            buffer.get(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            cipher.doFinal(sealed);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
