package io.consortia.operator.api;

/** The network's signature scheme (TLS is always ECDSA P-256, whatever this says). */
public enum SignatureScheme {
    P256,
    SM2
}
