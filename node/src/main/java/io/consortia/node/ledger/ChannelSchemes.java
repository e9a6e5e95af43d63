package io.consortia.node.ledger;

import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChannelConfig;

/** Maps the wire {@code consortia.v1.SignatureScheme} of a channel to the crypto module's scheme. */
public final class ChannelSchemes {
    private ChannelSchemes() {}

    /** The channel's signature scheme; throws {@link LedgerException} if the config names none. */
    public static SignatureScheme signatureScheme(ChannelConfig config) {
        return signatureScheme(config.getScheme());
    }

    public static SignatureScheme signatureScheme(io.consortia.protocol.v1.SignatureScheme scheme) {
        return switch (scheme) {
            case ECDSA_P256_SHA256 -> SignatureScheme.ECDSA_P256_SHA256;
            case SM2_SM3 -> SignatureScheme.SM2_SM3;
            default -> throw new LedgerException("channel config has no supported signature scheme: " + scheme);
        };
    }

    /** The reverse mapping, for building configs in tools and tests. */
    public static io.consortia.protocol.v1.SignatureScheme toProto(SignatureScheme scheme) {
        return switch (scheme) {
            case ECDSA_P256_SHA256 -> io.consortia.protocol.v1.SignatureScheme.ECDSA_P256_SHA256;
            case SM2_SM3 -> io.consortia.protocol.v1.SignatureScheme.SM2_SM3;
        };
    }
}
