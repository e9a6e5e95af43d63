package io.consortia.node.security;

import io.consortia.node.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/** Whether a private key belongs to a certificate: a replaced file must not pair a key with another's certificate. */
final class KeyPairs {
    private KeyPairs() {}

    static void requireMatching(X509Certificate certificate, PrivateKey key, String certificateName, String keyName) {
        String algorithm = certificate.getPublicKey().getAlgorithm();
        boolean ec = "EC".equals(algorithm) || "ECDSA".equals(algorithm);
        if (!ec) {
            return; // other schemes (SM2) are checked by the crypto module's signer where they are used
        }
        try {
            byte[] probe = "consortia key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new ConfigException(keyName + " is not the private key of " + certificateName);
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException(keyName + " cannot be checked against " + certificateName + ": "
                    + e.getMessage(), e);
        }
    }
}
