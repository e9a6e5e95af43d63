package io.consortia.platform.custody;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An organisation's keys exported for self-custody: a JSON document whose {@code ciphertext} is
 * AES-256-GCM under a key derived from the passphrase with PBKDF2-HMAC-SHA256. The plaintext is
 * JSON {@code {"organization", "keys": [{consortiumId, purpose, subject, certificatePem,
 * privateKeyPem}]}}. {@link #open} is the reference decoder.
 *
 * @param format always {@code consortia-key-bundle/v1}
 */
public record KeyBundle(String format, String organization, String kdf, int iterations, String salt, String nonce,
        String ciphertext) {
    public static final String FORMAT = "consortia-key-bundle/v1";
    static final int ITERATIONS = 210_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One exported key. */
    public record Entry(long consortiumId, String purpose, String subject, String certificatePem,
            String privateKeyPem) {
        @Override
        public String toString() {
            return "Entry[" + purpose + " " + subject + "]";
        }
    }

    static KeyBundle seal(String organization, List<Entry> entries, char[] passphrase) {
        try {
            SecureRandom random = new SecureRandom();
            byte[] salt = new byte[16];
            byte[] nonce = new byte[12];
            random.nextBytes(salt);
            random.nextBytes(nonce);
            byte[] plaintext = JSON.writeValueAsBytes(Map.of("organization", organization, "keys", entries));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, derive(passphrase, salt, ITERATIONS), new GCMParameterSpec(128, nonce));
            cipher.updateAAD((FORMAT + ":" + organization).getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return new KeyBundle(FORMAT, organization, "PBKDF2WithHmacSHA256", ITERATIONS, b64.encodeToString(salt),
                    b64.encodeToString(nonce), b64.encodeToString(cipher.doFinal(plaintext)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot seal the key bundle", e);
        }
    }

    /** Decrypts a bundle; throws {@link GeneralSecurityException} for a wrong passphrase or tampered bundle. */
    public static List<Entry> open(KeyBundle bundle, char[] passphrase) throws GeneralSecurityException {
        Base64.Decoder b64 = Base64.getDecoder();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, derive(passphrase, b64.decode(bundle.salt()), bundle.iterations()),
                new GCMParameterSpec(128, b64.decode(bundle.nonce())));
        cipher.updateAAD((bundle.format() + ":" + bundle.organization()).getBytes(StandardCharsets.UTF_8));
        byte[] plaintext = cipher.doFinal(b64.decode(bundle.ciphertext()));
        try {
            Entry[] entries = JSON.treeToValue(JSON.readTree(plaintext).get("keys"), Entry[].class);
            return List.of(entries);
        } catch (IOException e) {
            throw new GeneralSecurityException("Bundle content is not readable", e);
        }
    }

    private static SecretKeySpec derive(char[] passphrase, byte[] salt, int iterations)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(key, "AES");
        } finally {
            spec.clearPassword();
        }
    }
}
