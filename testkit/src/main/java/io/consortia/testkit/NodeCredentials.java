package io.consortia.testkit;

import io.consortia.crypto.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A node's credentials as its files hold them now: the signing certificate and the TLS
 * certificate with its key (kept by a test that rotates them, e.g. to revoke the old TLS
 * certificate and present it again).
 */
public record NodeCredentials(X509Certificate signingCertificate, X509Certificate tlsCertificate,
                              PrivateKey tlsKey) {

    static NodeCredentials read(Path nodeDirectory) {
        try {
            return new NodeCredentials(
                    Pem.readCertificate(Files.readString(nodeDirectory.resolve("node.pem"))),
                    Pem.readCertificate(Files.readString(nodeDirectory.resolve("tls.pem"))),
                    Pem.readPrivateKey(Files.readString(nodeDirectory.resolve("tls.key"))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the credentials of " + nodeDirectory, e);
        }
    }
}
