package io.consortia.node.security;

import io.consortia.crypto.Certificates;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.config.ConfigException;
import io.consortia.node.config.NodeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's signing identity (certificate and key of its organisation, role NODE), read from its
 * configured files at start and again on {@link #reload}. A reload that finds unusable files
 * changes nothing: the node keeps the identity it has.
 */
public final class NodeIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(NodeIdentity.class);
    private static final byte[] PROBE = "consortia identity check".getBytes(StandardCharsets.US_ASCII);

    private final NodeConfig.Identity files;
    private final String organization;
    private volatile X509Certificate certificate;

    private NodeIdentity(NodeConfig.Identity files, String organization, X509Certificate certificate) {
        this.files = files;
        this.organization = organization;
        this.certificate = certificate;
    }

    /** Reads and checks the identity: it must belong to the node's organisation and match its key. */
    public static NodeIdentity load(NodeConfig.Identity files, String organization) {
        return new NodeIdentity(files, organization, read(files, organization));
    }

    private static X509Certificate read(NodeConfig.Identity files, String organization) {
        X509Certificate cert;
        PrivateKey key;
        try {
            cert = Pem.readCertificate(Files.readString(files.certificate()));
            key = Pem.readPrivateKey(Files.readString(files.privateKey()));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot read the node identity: " + e.getMessage(), e);
        }
        String org = Certificates.organization(cert);
        if (!organization.equals(org)) {
            throw new ConfigException("identity.certificate belongs to organisation '" + org
                    + "', but the node is configured for '" + organization + "'");
        }
        if (!matches(cert, key)) {
            throw new ConfigException("identity.privateKey is not the private key of identity.certificate "
                    + files.certificate());
        }
        return cert;
    }

    private static boolean matches(X509Certificate cert, PrivateKey key) {
        for (SignatureScheme scheme : SignatureScheme.values()) {
            try {
                byte[] signature = scheme.signer(key).sign(PROBE);
                if (scheme.verify(cert.getPublicKey(), PROBE, signature)) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not this scheme's key
            }
        }
        return false;
    }

    /** Reads the files again; the new certificate is the node's identity from now on. */
    public synchronized X509Certificate reload() {
        X509Certificate next = read(files, organization);
        try {
            next.checkValidity();
        } catch (java.security.cert.CertificateException e) {
            throw new ConfigException("identity.certificate " + files.certificate() + " is not valid now: "
                    + e.getMessage(), e);
        }
        certificate = next;
        LOG.info("signing identity reloaded: serial {}, valid until {}", next.getSerialNumber().toString(16),
                next.getNotAfter().toInstant());
        return next;
    }

    public X509Certificate certificate() {
        return certificate;
    }
}
