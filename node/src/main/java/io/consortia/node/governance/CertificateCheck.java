package io.consortia.node.governance;

import com.google.protobuf.ByteString;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Checks a certificate the way the channel checks its transactions' creators (issued by the
 * organisation's root, names that organisation, valid at the time, not revoked), against the
 * configuration in force. Implemented by the channel's membership.
 */
@FunctionalInterface
public interface CertificateCheck {

    /** The outcome: the certificate when it checks out, else a fixed (node-independent) reason. */
    record Result(X509Certificate certificate, String problem) {
        public static Result valid(X509Certificate certificate) {
            return new Result(certificate, null);
        }

        public static Result refused(String problem) {
            return new Result(null, problem);
        }

        public boolean valid() {
            return problem == null;
        }
    }

    Result check(String organization, ByteString certificateDer, Instant at);
}
