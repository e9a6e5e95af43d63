package io.consortia.crypto;

/** A certificate does not chain to a trusted root, has a bad signature, or is not valid at the given time. */
public class CertificateValidationException extends CryptoException {
    public CertificateValidationException(String message) { super(message); }
    public CertificateValidationException(String message, Throwable cause) { super(message, cause); }
}
