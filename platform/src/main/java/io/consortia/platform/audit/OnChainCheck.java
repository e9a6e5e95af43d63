package io.consortia.platform.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What verify compared the trail with on the ledger: the channel whose anchor index it read
 * (consortia.audit.anchor.*) and the newest anchor there, or why it could not.
 *
 * @param checked whether the anchor index was read
 * @param consortiumId the consortium of the channel (empty when no anchoring is configured)
 * @param channel the channel
 * @param anchors how many anchors the index holds (the newest is the k-th)
 * @param sequence the record the newest anchor names
 * @param headHash that record's hash when it was notarized
 * @param transactionId the transaction that notarized that head
 * @param anchorTransactionId the transaction of the newest index entry
 * @param reason why the ledger was not checked
 * @param entries every anchor of the index, oldest first (not in the answer: the newest is)
 */
public record OnChainCheck(boolean checked, Long consortiumId, String channel, Long anchors, Long sequence,
        String headHash, String transactionId, String anchorTransactionId, String reason,
        @JsonIgnore List<OnChainAnchor> entries) {

    static OnChainCheck notConfigured() {
        return new OnChainCheck(false, null, null, null, null, null, null, null, "no anchoring is configured "
                + "(consortia.audit.anchor.consortium-id): the trail was checked against itself only, which cannot "
                + "reveal records deleted from its end", List.of());
    }

    static OnChainCheck unreadable(long consortiumId, String channel, String why) {
        return new OnChainCheck(false, consortiumId, channel, null, null, null, null, null, "channel " + channel
                + " of consortium " + consortiumId + " could not be read: " + why, List.of());
    }

    /** The index as read, every entry (oldest first); the newest is shown. */
    static OnChainCheck read(long consortiumId, String channel, List<OnChainAnchor> entries) {
        if (entries.isEmpty()) {
            return new OnChainCheck(true, consortiumId, channel, 0L, null, null, null, null, null, List.of());
        }
        OnChainAnchor a = entries.get(entries.size() - 1);
        return new OnChainCheck(true, consortiumId, channel, a.index(), a.sequence(), a.headHash(),
                a.headTransactionId(), a.transactionId(), null, List.copyOf(entries));
    }

    /** Anchoring is configured but the ledger could not be read: the trail is not verified. */
    @JsonIgnore
    boolean missed() {
        return !checked && consortiumId != null;
    }

    /** Where, in words. */
    @JsonIgnore
    String where() {
        return AuditReasons.where(channel, consortiumId);
    }
}
