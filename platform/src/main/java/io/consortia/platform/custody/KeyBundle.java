package io.consortia.platform.custody;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.crypto.PassphraseSeal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An organisation's keys exported for self-custody: a JSON document whose {@code ciphertext} is
 * AES-256-GCM under a key derived from the passphrase with PBKDF2-HMAC-SHA256. The plaintext is
 * JSON {@code {"organization", "keys": [{consortiumId, purpose, subject, certificatePem,
 * privateKeyPem}]}} ({@link PassphraseSeal}; docs/key-export.md). {@link #open} is the reference
 * decoder; {@code ./consortia keys open} the one users run.
 *
 * @param format always {@code consortia-key-bundle/v1}
 */
public record KeyBundle(String format, String organization, String kdf, int iterations, String salt, String nonce,
        String ciphertext) {
    public static final String FORMAT = "consortia-key-bundle/v1";
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
            byte[] plaintext = JSON.writeValueAsBytes(Map.of("organization", organization, "keys", entries));
            PassphraseSeal.Sealed sealed = PassphraseSeal.seal(plaintext, passphrase, aad(FORMAT, organization));
            Base64.Encoder b64 = Base64.getEncoder();
            return new KeyBundle(FORMAT, organization, PassphraseSeal.KDF, sealed.iterations(),
                    b64.encodeToString(sealed.salt()), b64.encodeToString(sealed.nonce()),
                    b64.encodeToString(sealed.ciphertext()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot seal the key bundle", e);
        }
    }

    /** Decrypts a bundle; throws {@link GeneralSecurityException} for a wrong passphrase or tampered bundle. */
    public static List<Entry> open(KeyBundle bundle, char[] passphrase) throws GeneralSecurityException {
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] plaintext = PassphraseSeal.open(new PassphraseSeal.Sealed(b64.decode(bundle.salt()),
                b64.decode(bundle.nonce()), bundle.iterations(), b64.decode(bundle.ciphertext())), passphrase,
                aad(bundle.format(), bundle.organization()));
        try {
            Entry[] entries = JSON.treeToValue(JSON.readTree(plaintext).get("keys"), Entry[].class);
            return List.of(entries);
        } catch (IOException e) {
            throw new GeneralSecurityException("Bundle content is not readable", e);
        }
    }

    /** The bundle's header in the cipher's additional data: a bundle relabelled as another organisation's fails. */
    private static byte[] aad(String format, String organization) {
        return (format + ":" + organization).getBytes(StandardCharsets.UTF_8);
    }
}
