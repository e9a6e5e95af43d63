package io.consortia.node.governance;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Certificates;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ConfigSignature;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.SignedConfigUpdate;
import io.consortia.protocol.v1.ValidationCode;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the admins' signatures of a change against the configuration in force. Every signature
 * must hold (one bad signature refuses the change: an approval that does not check out is a
 * mistake or a forgery, never something to skip silently); the result is the set of distinct
 * organisations that signed, each counted once however many of its admins signed.
 */
final class ConfigSignatures {
    private ConfigSignatures() {}

    /** Outcome: the signing organisations, or CONFIG_SIGNER_NOT_ADMIN with a reason. */
    record Outcome(Set<String> organizations, String problem) {}

    static Outcome check(SignedConfigUpdate signed, ChannelConfig current, CertificateCheck certificates,
                         SignatureScheme scheme, Instant at) {
        Set<String> members = new TreeSet<>(current.getOrganizationsList().stream().map(Organization::getName).toList());
        Set<String> signers = new TreeSet<>();
        byte[] update = signed.getUpdate().toByteArray();
        for (int i = 0; i < signed.getSignaturesCount(); i++) {
            ConfigSignature s = signed.getSignatures(i);
            String problem = problem(s, members, certificates, scheme, update, at);
            if (problem != null) {
                return new Outcome(null, "signature " + (i + 1) + " (organization '" + echo(s.getOrganization())
                        + "'): " + problem);
            }
            signers.add(s.getOrganization());
        }
        return new Outcome(signers, null);
    }

    /** The code a failed check is recorded with. */
    static ValidationCode code() {
        return ValidationCode.CONFIG_SIGNER_NOT_ADMIN;
    }

    private static String problem(ConfigSignature s, Set<String> members, CertificateCheck certificates,
                                  SignatureScheme scheme, byte[] update, Instant at) {
        if (!members.contains(s.getOrganization())) {
            return "not an organization of the configuration in force";
        }
        if (s.getCertificate().isEmpty() || s.getSignature().isEmpty()) {
            return "certificate and signature are required";
        }
        CertificateCheck.Result result = certificates.check(s.getOrganization(), s.getCertificate(), at);
        if (!result.valid()) {
            return result.problem();
        }
        X509Certificate certificate = result.certificate();
        if (!isAdmin(certificate)) {
            return "the certificate is not an ADMIN certificate (OU=admin) of the organization";
        }
        if (!verifies(scheme, certificate, update, s.getSignature())) {
            return "the signature does not verify over the update bytes with the certificate's key (" + scheme + ")";
        }
        return null;
    }

    private static boolean isAdmin(X509Certificate certificate) {
        try {
            return Certificates.role(certificate).orElse(null) == CertificateRole.ADMIN;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean verifies(SignatureScheme scheme, X509Certificate certificate, byte[] update,
                                    ByteString signature) {
        try {
            return scheme.verify(certificate.getPublicKey(), update, signature.toByteArray());
        } catch (RuntimeException e) {
            return false; // a malformed signature is a bad one, on every node alike
        }
    }

    private static String echo(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
