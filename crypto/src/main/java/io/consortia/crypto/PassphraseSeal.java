package io.consortia.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bytes sealed under a passphrase: AES-256-GCM (128-bit tag, 12-byte nonce) with a key derived by
 * PBKDF2-HMAC-SHA256 (16-byte salt). The platform seals an organisation's exported keys with it
 * and the command line opens them again, so both sides share this one definition of the format.
 */
public final class PassphraseSeal {
    /** PBKDF2 rounds for new seals: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 210_000;
    public static final String KDF = "PBKDF2WithHmacSHA256";

    /** What a seal needs besides the passphrase to open it again. */
    public record Sealed(byte[] salt, byte[] nonce, int iterations, byte[] ciphertext) {}

    private PassphraseSeal() {
    }

    public static Sealed seal(byte[] plaintext, char[] passphrase, byte[] aad) {
        try {
            SecureRandom random = new SecureRandom();
            byte[] salt = new byte[16];
            byte[] nonce = new byte[12];
            random.nextBytes(salt);
            random.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, passphrase, salt, ITERATIONS, nonce, aad);
            return new Sealed(salt, nonce, ITERATIONS, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot seal: " + e.getMessage(), e);
        }
    }

    /**
     * The plaintext; {@link GeneralSecurityException} for a wrong passphrase, other additional data
     * or any changed byte (GCM cannot tell these apart).
     */
    public static byte[] open(Sealed sealed, char[] passphrase, byte[] aad) throws GeneralSecurityException {
        if (sealed.iterations() < 1 || sealed.iterations() > 10_000_000) {
            throw new GeneralSecurityException("iterations " + sealed.iterations() + " out of range");
        }
        return cipher(Cipher.DECRYPT_MODE, passphrase, sealed.salt(), sealed.iterations(), sealed.nonce(), aad)
                .doFinal(sealed.ciphertext());
    }

    private static Cipher cipher(int mode, char[] passphrase, byte[] salt, int iterations, byte[] nonce, byte[] aad)
            throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        byte[] key;
        try {
            key = SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        Arrays.fill(key, (byte) 0);
        cipher.updateAAD(aad);
        return cipher;
    }
}
