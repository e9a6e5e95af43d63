/**
 * Cryptography of Consortia: everything that signs, hashes or handles certificates.
 *
 * <p>Entry types: {@link io.consortia.crypto.SignatureScheme} (ECDSA P-256/SHA-256 or SM2/SM3
 * key generation, {@link io.consortia.crypto.Signer signing} and fast verification),
 * {@link io.consortia.crypto.Hashes} ({@link io.consortia.crypto.HashFunction SHA-256, SM3}, hex),
 * {@link io.consortia.crypto.MerkleTree} and {@link io.consortia.crypto.MerklePath} (the
 * protocol's Merkle rule and inclusion proofs), {@link io.consortia.crypto.CertificateAuthority}
 * (per-organisation roots issuing {@link io.consortia.crypto.IssuedCredential credentials} by
 * {@link io.consortia.crypto.CertificateRole role}), {@link io.consortia.crypto.Certificates}
 * (identity fields and chain validation) and {@link io.consortia.crypto.Pem}.
 *
 * <p>All hot-path work runs on BouncyCastle's lightweight API; the BouncyCastle provider is used
 * as an explicit instance and is never installed into the JVM's provider list.
 */
package io.consortia.crypto;
