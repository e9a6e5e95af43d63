package io.consortia.crypto;

/**
 * A certificate is not acceptable: it does not chain to a trusted root, a signature on the
 * chain is wrong, or the certificate or its root is not valid at the time asked about.
 * A separate type so callers can reject an identity without treating it as an internal error.
 */
public class CertificateValidationException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public CertificateValidationException(String message) {
        super(message);
    }

    public CertificateValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
