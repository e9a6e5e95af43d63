package io.consortia.crypto;

import java.security.PublicKey;

/** Signs messages with one private key. Thread-safe. */
public interface Signer {
    SignatureScheme scheme();

    PublicKey publicKey();

    /** Signature over the message (DER-encoded (r,s) for both schemes). */
    byte[] sign(byte[] message);
}
