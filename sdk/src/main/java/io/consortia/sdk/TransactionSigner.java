package io.consortia.sdk;

import com.google.protobuf.ByteString;
import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionPayload;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.List;

/**
 * Builds and signs transactions for one identity. The payload is serialized exactly once and
 * those bytes are both signed and sent, so every node hashes and verifies what was signed.
 */
final class TransactionSigner {
    static final int NONCE_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Identity identity;
    private final Creator creator;
    private final Clock clock;

    TransactionSigner(Identity identity) {
        this(identity, Clock.systemUTC());
    }

    TransactionSigner(Identity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
        this.creator = Creator.newBuilder()
                .setOrganization(identity.organization())
                .setCertificate(ByteString.copyFrom(der(identity)))
                .build();
    }

    Transaction sign(String channel, String contract, String function, List<ByteString> args) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        TransactionPayload payload = TransactionPayload.newBuilder()
                .setChannel(channel)
                .setCreator(creator)
                .setNonce(ByteString.copyFrom(nonce))
                .setTimestampMillis(clock.millis())
                .setContract(contract)
                .setFunction(function)
                .addAllArgs(args)
                .build();
        byte[] bytes = payload.toByteArray();
        return Transaction.newBuilder()
                .setPayload(ByteString.copyFrom(bytes))
                .setSignature(ByteString.copyFrom(identity.signer().sign(bytes)))
                .build();
    }

    /** hex(H(payload)) with the identity's hash: the id nodes compute for the same bytes. */
    String transactionId(Transaction transaction) {
        return Hashes.hex(identity.scheme().hash().digest(transaction.getPayload().toByteArray()));
    }

    private static byte[] der(Identity identity) {
        try {
            return identity.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("Cannot encode the identity's certificate", e);
        }
    }
}
