package io.consortia.platform.audit;

/** A stored audit record: the event, its place in the chain and its hashes. */
public record AuditRecord(long sequence, long recordedAt, String actorKind, String actor, Long organizationId,
        String action, String target, String sourceAddress, int status, String details, String previousHash,
        String hash) {

    static AuditRecord of(long sequence, long recordedAt, AuditEvent event, String previousHash) {
        AuditRecord unsealed = new AuditRecord(sequence, recordedAt, event.actorKind(), event.actor(),
                event.organizationId(), event.action(), event.target(), event.sourceAddress(), event.status(),
                event.details(), previousHash, "");
        return unsealed.withHash(AuditChain.hash(previousHash, unsealed));
    }

    AuditRecord withHash(String newHash) {
        return new AuditRecord(sequence, recordedAt, actorKind, actor, organizationId, action, target, sourceAddress,
                status, details, previousHash, newHash);
    }
}
