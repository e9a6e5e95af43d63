package io.consortia.node.execution;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.crypto.HashFunction;
import io.consortia.node.ledger.ChannelLedger;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The certificates registered on a channel, so that a transaction can name its creator's
 * certificate by id (H of its DER encoding, with the channel's hash) instead of carrying it:
 * the certificate is two thirds of a typical transaction, and every byte of a transaction is
 * sent, replicated, hashed and stored on every node.
 *
 * <p>A certificate is registered by the first VALID transaction that carries it in full (so an
 * invalid transaction still writes nothing); the registration is a write to the world state
 * of that transaction's block, under a key no contract can reach (contract keys start with
 * the contract's non-empty name). An id resolves only against
 * committed blocks: a transaction in block N may name a certificate registered in blocks
 * before N, never in N itself, so every node decides the same whatever it has screened ahead.
 */
public final class CertificateRegistry {
    /** State keys: this prefix, then the certificate id. */
    static final byte[] PREFIX = "\0certificates\0".getBytes(StandardCharsets.US_ASCII);

    /** Resolves an id to the DER encoding of a registered certificate. Thread-safe. */
    @FunctionalInterface
    public interface Lookup {
        Optional<byte[]> certificate(ByteString id);
    }

    /** Resolves nothing: for a membership without a ledger (tests, tools). */
    public static final Lookup NONE = id -> Optional.empty();

    private CertificateRegistry() {}

    /** Certificates registered in the ledger's committed blocks. */
    public static Lookup committed(ChannelLedger ledger) {
        return id -> ledger.state(key(id));
    }

    /** The id a transaction uses for this certificate on a channel with this hash. */
    public static ByteString id(HashFunction hash, ByteString der) {
        return ByteString.copyFrom(hash.digest(der.toByteArray()));
    }

    /** Adds the registered certificate to the info of a transaction that names its creator's certificate by id. */
    public static TransactionInfo withCreatorCertificate(TransactionInfo info, Lookup registry) {
        TransactionPayload payload;
        try {
            payload = TransactionPayload.parseFrom(info.getTransaction().getTransaction().getPayload());
        } catch (InvalidProtocolBufferException e) {
            return info; // recorded as MALFORMED: there is no creator to show
        }
        if (!payload.getCreator().hasCertificateId()) {
            return info;
        }
        return registry.certificate(payload.getCreator().getCertificateId())
                .map(der -> info.toBuilder().setCreatorCertificate(ByteString.copyFrom(der)).build())
                .orElse(info);
    }

    static byte[] key(ByteString id) {
        byte[] key = new byte[PREFIX.length + id.size()];
        System.arraycopy(PREFIX, 0, key, 0, PREFIX.length);
        id.copyTo(key, PREFIX.length);
        return key;
    }

    /**
     * Registers the certificate in the block's state unless committed blocks or an earlier
     * transaction of this block registered it already.
     */
    static void register(OverlayState blockState, Membership membership, HashFunction hash, ByteString der) {
        ByteString id = id(hash, der);
        if (membership.registered(id) != null) {
            return;
        }
        byte[] key = key(id);
        if (blockState.get(key).isEmpty()) {
            blockState.put(key, der.toByteArray());
        }
    }
}
