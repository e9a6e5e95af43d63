package io.consortia.crypto;

/** Root exception of the crypto module: a key, certificate, signature or encoding problem. */
public class CryptoException extends RuntimeException {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
