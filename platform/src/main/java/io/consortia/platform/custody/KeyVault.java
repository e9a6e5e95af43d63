package io.consortia.platform.custody;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * Seals secrets with AES-256-GCM under the master key. A sealed value is
 * base64(version 1 || 12-byte nonce || ciphertext+tag); the context (which key row it belongs to)
 * is bound as associated data, so a sealed key copied to another row does not open.
 */
@Component
class KeyVault {
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private final SecureRandom random = new SecureRandom();
    private final MasterKey masterKey;

    KeyVault(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    String seal(byte[] plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey.key(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** The associated data that binds a custody key's sealed value to its row. */
    static String context(long consortiumId, long organizationId, KeyPurpose purpose, String subject) {
        return "consortia-custody:v1:" + consortiumId + ":" + organizationId + ":" + purpose + ":" + subject;
    }

    byte[] open(String sealedBase64, String context) {
        return open(masterKey.key(), sealedBase64, context);
    }

    static byte[] open(SecretKey key, String sealedBase64, String context) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(sealedBase64));
            if (buffer.get() != VERSION) {
                throw new IllegalStateException("Unknown sealed key version");
            }
            byte[] nonce = new byte[NONCE];
            buffer.get(nonce);
            byte[] sealed = new byte[buffer.remaining()];
            buffer.get(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A key in custody cannot be opened (wrong master key or tampered data)", e);
        }
    }
}
