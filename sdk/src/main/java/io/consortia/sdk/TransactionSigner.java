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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds and signs transactions for one identity. The payload is serialized exactly once and
 * those bytes are both signed and sent, so every node hashes and verifies what was signed.
 *
 * <p>The creator carries the identity's certificate until a transaction of this identity has
 * been seen committed as VALID on the channel (which registered the certificate there); from
 * then on it names the certificate by its id, H(DER) with the identity's hash, which is the
 * channel's. See {@link Gateway.Builder#certificateIds}.
 */
final class TransactionSigner {
    static final int NONCE_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Identity identity;
    private final Creator withCertificate;
    private final Creator byId;
    private final boolean certificateIds;
    private final Set<String> registeredOn = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    TransactionSigner(Identity identity) {
        this(identity, true);
    }

    TransactionSigner(Identity identity, boolean certificateIds) {
        this(identity, certificateIds, Clock.systemUTC());
    }

    TransactionSigner(Identity identity, boolean certificateIds, Clock clock) {
        this.identity = identity;
        this.certificateIds = certificateIds;
        this.clock = clock;
        byte[] der = der(identity);
        this.withCertificate = Creator.newBuilder()
                .setOrganization(identity.organization())
                .setCertificate(ByteString.copyFrom(der))
                .build();
        this.byId = Creator.newBuilder()
                .setOrganization(identity.organization())
                .setCertificateId(ByteString.copyFrom(identity.scheme().hash().digest(der)))
                .build();
    }

    /** Signs with the certificate id where the certificate is known to be registered, else with the certificate. */
    Transaction sign(String channel, String contract, String function, List<ByteString> args) {
        return sign(channel, contract, function, args, !registeredOn.contains(channel));
    }

    Transaction sign(String channel, String contract, String function, List<ByteString> args,
            boolean carryCertificate) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        TransactionPayload payload = TransactionPayload.newBuilder()
                .setChannel(channel)
                .setCreator(carryCertificate ? withCertificate : byId)
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

    /** A transaction of this identity committed as VALID on the channel: its certificate is registered there. */
    void committedValid(String channel) {
        if (certificateIds) {
            registeredOn.add(channel);
        }
    }

    /** A node answered UNKNOWN_CERTIFICATE: carry the certificate again until a commit is seen. */
    void refusedUnknownCertificate(String channel) {
        registeredOn.remove(channel);
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
