package io.consortia.platform.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain's hash: SHA-256 over the previous record's hash and the record's canonical form.
 * The canonical form is every field except the hashes, each length-prefixed (4 bytes, big
 * endian) so that no two different records encode alike ("ab"+"c" vs "a"+"bc"); numbers as
 * decimal text, an absent organisation as the empty string. Independent of the database, so
 * anyone with an export can recompute the chain.
 */
final class AuditChain {
    /** The "previous hash" of the first record. */
    static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    static String hash(String previousHash, AuditRecord record) {
        MessageDigest digest = sha256();
        digest.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        for (String field : new String[] {Long.toString(record.sequence()), Long.toString(record.recordedAt()),
                record.actorKind(), record.actor(),
                record.organizationId() == null ? "" : Long.toString(record.organizationId()),
                record.action(), record.target(), record.sourceAddress(), Integer.toString(record.status()),
                record.details()}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
