package io.consortia.platform.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.CommitException;
import io.consortia.sdk.Contract;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.SubmitResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The trail's notarizations on one channel, read and written through the built-in notarization
 * contract with one open gateway: the heads themselves and the {@link AnchorIndex}.
 */
final class LedgerAnchors {
    /** Anchors appended by another platform at the same k are skipped; this many at most in a row. */
    private static final int RACES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Contract notarization;
    private final long consortiumId;

    LedgerAnchors(Contract notarization, long consortiumId) {
        this.notarization = notarization;
        this.consortiumId = consortiumId;
    }

    /** Every anchor of the index, oldest first (1..K). */
    java.util.List<OnChainAnchor> all() {
        return AnchorIndex.walk(k -> get(AnchorIndex.key(consortiumId, k)).map(record -> anchor(k, record)));
    }

    /** The newest anchor of the index, empty when there is none yet. */
    Optional<OnChainAnchor> latest() {
        java.util.List<OnChainAnchor> all = all();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private OnChainAnchor anchor(long k) {
        return anchor(k, get(AnchorIndex.key(consortiumId, k)).orElseThrow(() -> new IllegalStateException(
                "anchor " + k + " vanished from the ledger")));
    }

    private static OnChainAnchor anchor(long k, JsonNode record) {
        AnchorIndex.Head head = AnchorIndex.parse(k, record.path("metadata").asText()).orElseThrow(() ->
                new IllegalStateException("the notarization at the key of audit anchor " + k + " (transaction "
                        + record.path("transactionId").asText() + ") is not an audit anchor: "
                        + record.path("metadata").asText()));
        return new OnChainAnchor(k, head.sequence(), head.hash(), head.transactionId(),
                record.path("transactionId").asText(), record.path("blockNumber").asLong(),
                record.path("submitterOrganization").asText());
    }

    /** Notarizes the head, then appends it to the index after anchor {@code after}. */
    Anchoring anchor(long after, AuditRecord head) {
        Notarized notarized = notarizeHead(head);
        return new Anchoring(notarized, append(after, head, notarized));
    }

    /**
     * Notarizes the head's hash, or finds the notarization of an earlier attempt whose index
     * entry was not written (the contract refuses a hash twice): its transaction and block.
     */
    private Notarized notarizeHead(AuditRecord head) {
        try {
            SubmitResult result = notarization.submit("record", head.hash(), "consortia-audit-head seq=" + head.sequence());
            return new Notarized(result.transactionId(), result.blockNumber());
        } catch (CommitException e) {
            Optional<JsonNode> existing = alreadyNotarized(e) ? get(head.hash()) : Optional.empty();
            return existing.map(r -> new Notarized(r.path("transactionId").asText(), r.path("blockNumber").asLong()))
                    .orElseThrow(() -> e);
        }
    }

    /**
     * Appends the head to the index after {@code after}. Two platforms appending at one k are
     * ordered: the contract takes the first and refuses the second, which moves on to the next k.
     */
    private OnChainAnchor append(long after, AuditRecord head, Notarized notarized) {
        long k = after + 1;
        for (int race = 0; ; race++) {
            try {
                SubmitResult result = notarization.submit("record", AnchorIndex.key(consortiumId, k),
                        AnchorIndex.memo(k, head.sequence(), head.hash(), notarized.transactionId()));
                return new OnChainAnchor(k, head.sequence(), head.hash(), notarized.transactionId(),
                        result.transactionId(), result.blockNumber(), "");
            } catch (CommitException e) {
                if (!alreadyNotarized(e) || race == RACES) {
                    throw e;
                }
                OnChainAnchor taken = anchor(k);
                if (taken.sequence() == head.sequence() && taken.headHash().equals(head.hash())) {
                    return taken; // our own earlier attempt, whose answer was lost
                }
                k++;
            }
        }
    }

    private static boolean alreadyNotarized(CommitException e) {
        return e.code() == ValidationCode.CONTRACT_REJECTED && e.reason().contains("already notarized");
    }

    /** The notarization of a document hash, empty when the contract says it is not notarized. */
    private Optional<JsonNode> get(String hash) {
        byte[] record;
        try {
            record = notarization.evaluate("get", hash);
        } catch (GatewayException e) {
            // NOT_FOUND since built-in records answer so; FAILED_PRECONDITION from nodes of an older release
            boolean absent = e.status().map(s -> s.getCode() == io.grpc.Status.Code.NOT_FOUND
                    || s.getCode() == io.grpc.Status.Code.FAILED_PRECONDITION).orElse(false)
                    && String.valueOf(e.getMessage()).contains("is not notarized");
            if (absent) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            return Optional.of(JSON.readTree(record));
        } catch (IOException e) {
            throw new UncheckedIOException("the notarization contract answered no JSON", e);
        }
    }

    /** Where a head's own notarization landed. */
    record Notarized(String transactionId, long blockNumber) {}

    /** A head notarized and its index entry. */
    record Anchoring(Notarized head, OnChainAnchor entry) {}
}
