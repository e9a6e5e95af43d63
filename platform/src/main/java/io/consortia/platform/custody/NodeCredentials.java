package io.consortia.platform.custody;

import io.consortia.crypto.IssuedCredential;

/** A node's signing and TLS credentials, handed to a deployer to write into the node's files. */
public record NodeCredentials(IssuedCredential signing, IssuedCredential tls) {
    @Override
    public String toString() {
        return "NodeCredentials[" + signing.certificate().getSubjectX500Principal() + "]";
    }
}
