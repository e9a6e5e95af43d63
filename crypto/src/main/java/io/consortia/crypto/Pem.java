package io.consortia.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM encoding of certificates and private keys, the format the CLI writes and operators
 * handle. Certificates are parsed with the BouncyCastle provider so that SM2 certificates
 * (signed SM3withSM2) can be verified; private keys are written as unencrypted PKCS#8
 * ("PRIVATE KEY"), and read from PKCS#8 or SEC 1 ("EC PRIVATE KEY").
 */
public final class Pem {
    private Pem() {}

    public static String write(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new CryptoException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** PKCS#8 "PRIVATE KEY" (unencrypted: protect the file, not the encoding). */
    public static String write(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equalsIgnoreCase(key.getFormat())) {
            throw new CryptoException("private key cannot be exported as PKCS#8 (format " + key.getFormat() + ")");
        }
        return encode("PRIVATE KEY", der);
    }

    /** The certificates concatenated, in the given order (a chain: leaf first). */
    public static String writeAll(List<X509Certificate> certificates) {
        Objects.requireNonNull(certificates, "certificates");
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            out.append(write(certificate));
        }
        return out.toString();
    }

    /** The first certificate of the PEM text. */
    public static X509Certificate readCertificate(String pem) {
        List<X509Certificate> all = readCertificates(pem);
        if (all.isEmpty()) {
            throw new CryptoException("no CERTIFICATE block in PEM text");
        }
        return all.get(0);
    }

    /** All certificates of the PEM text, in order; other blocks (keys) are ignored. */
    public static List<X509Certificate> readCertificates(String pem) {
        Objects.requireNonNull(pem, "pem");
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    out.add(certificateFromDer(holder.getEncoded()));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CryptoException ce) {
                throw ce;
            }
            throw new CryptoException("malformed PEM certificate: " + e.getMessage(), e);
        }
        return out;
    }

    /** The first private key of the PEM text: PKCS#8 "PRIVATE KEY" or SEC 1 "EC PRIVATE KEY". */
    public static PrivateKey readPrivateKey(String pem) {
        Objects.requireNonNull(pem, "pem");
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(Bc.PROVIDER);
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("malformed PEM private key: " + e.getMessage(), e);
        }
        throw new CryptoException("no unencrypted PRIVATE KEY or EC PRIVATE KEY block in PEM text");
    }

    /** Parses one DER-encoded X.509 certificate. */
    public static X509Certificate certificateFromDer(byte[] der) {
        Objects.requireNonNull(der, "der");
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", Bc.PROVIDER);
            Certificate certificate = factory.generateCertificate(new ByteArrayInputStream(der));
            if (!(certificate instanceof X509Certificate x509)) {
                throw new CryptoException("not an X.509 certificate");
            }
            return x509;
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof CryptoException ce) {
                throw ce;
            }
            throw new CryptoException("malformed DER certificate: " + e.getMessage(), e);
        }
    }

    private static String encode(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new CryptoException("cannot write PEM", e);
        }
        return out.toString();
    }
}
