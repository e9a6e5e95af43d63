package io.consortia.node.execution;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Signer;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionPayload;
import java.security.cert.CertificateEncodingException;

/** A member of a {@link TestNetworkFixture} organisation with its certificate and key. */
public final class TestClient {
    private final TestNetworkFixture network;
    private final String organization;
    private final IssuedCredential credential;
    private final Signer signer;

    TestClient(TestNetworkFixture network, String organization, IssuedCredential credential) {
        this.network = network;
        this.organization = organization;
        this.credential = credential;
        this.signer = network.scheme().signer(credential.privateKey());
    }

    public String organization() {
        return organization;
    }

    public IssuedCredential credential() {
        return credential;
    }

    public Creator creator() {
        try {
            return Creator.newBuilder().setOrganization(organization)
                    .setCertificate(ByteString.copyFrom(credential.certificate().getEncoded())).build();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A call with defaults: the fixture's channel, its "now", a fresh nonce, this client as creator. */
    public Call call(String contract, String function, String... args) {
        TransactionPayload.Builder payload = TransactionPayload.newBuilder()
                .setChannel(network.config().getName())
                .setCreator(creator())
                .setNonce(ByteString.copyFromUtf8("nonce-" + network.nextNonce()))
                .setTimestampMillis(network.now())
                .setContract(contract)
                .setFunction(function);
        for (String arg : args) {
            payload.addArgs(ByteString.copyFrom(arg, UTF_8));
        }
        return new Call(payload);
    }

    public Transaction sign(TransactionPayload payload) {
        ByteString bytes = payload.toByteString();
        return Transaction.newBuilder().setPayload(bytes).setSignature(ByteString.copyFrom(signer.sign(bytes.toByteArray()))).build();
    }

    /** A payload under construction; {@link #build()} signs it as this client. */
    public final class Call {
        private final TransactionPayload.Builder payload;

        Call(TransactionPayload.Builder payload) {
            this.payload = payload;
        }

        public Call channel(String channel) {
            payload.setChannel(channel);
            return this;
        }

        public Call timestamp(long millis) {
            payload.setTimestampMillis(millis);
            return this;
        }

        public Call nonce(String nonce) {
            payload.setNonce(ByteString.copyFromUtf8(nonce));
            return this;
        }

        /** Claims another organisation while keeping this client's certificate. */
        public Call claimOrganization(String organization) {
            payload.setCreator(payload.getCreator().toBuilder().setOrganization(organization));
            return this;
        }

        /** Names this client's certificate by its registered id instead of carrying it. */
        public Call byCertificateId() {
            ByteString id = CertificateRegistry.id(network.hash(), payload.getCreator().getCertificate());
            payload.setCreator(payload.getCreator().toBuilder().setCertificateId(id));
            return this;
        }

        public Call creator(Creator creator) {
            payload.setCreator(creator);
            return this;
        }

        public Call addArg(ByteString arg) {
            payload.addArgs(arg);
            return this;
        }

        public TransactionPayload payload() {
            return payload.build();
        }

        public Transaction build() {
            return sign(payload.build());
        }

        /** Signed, then the signature is replaced by another client's signature over the same bytes. */
        public Transaction signedBy(TestClient other) {
            return other.sign(payload.build());
        }
    }
}
