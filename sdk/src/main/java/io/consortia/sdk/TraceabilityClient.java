package io.consortia.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed calls of the built-in {@code traceability} contract (product batches and their chain of
 * custody; see docs/protocol.md). Only a member of a batch's custodian organisation records events on
 * it or hands it on. Submits throw as {@link Contract#submit} does; reads as {@link Contract#evaluate}.
 *
 * <pre>{@code
 * TraceabilityClient trace = TraceabilityClient.on(gateway.channel("main"));
 * trace.createBatch("tea-01", "Pu'er tea", Map.of("origin", "Yunnan"));
 * trace.recordEvent("tea-01", "harvested", "field 7");
 * trace.transferCustody("tea-01", "org2", "truck 12");
 * List<TraceabilityClient.Entry> history = trace.history("tea-01");
 * }</pre>
 */
public final class TraceabilityClient {
    /** The contract's name on every channel. */
    public static final String CONTRACT = "traceability";

    private final Contract contract;

    private TraceabilityClient(Contract contract) {
        this.contract = contract;
    }

    public static TraceabilityClient on(Channel channel) {
        return new TraceabilityClient(Objects.requireNonNull(channel, "channel").contract(CONTRACT));
    }

    /** One entry of a batch's history; {@code custodian} is the organisation holding the batch after it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String batchId, long sequence, String type, String organization, String recordedBy,
            String custodian, String details, String transactionId, long timestampMillis, long blockNumber) {}

    /** A new batch held by the caller's organisation; attribute values are strings. */
    public SubmitResult createBatch(String batchId, String product, Map<String, String> attributes) {
        Objects.requireNonNull(attributes, "attributes");
        return contract.submit("createBatch", batchId, product, ContractJson.write(attributes));
    }

    /** Custodian only: a processing or custody event of type {@code type} (e.g. "harvested"). */
    public SubmitResult recordEvent(String batchId, String type, String details) {
        return contract.submit("recordEvent", batchId, type, details);
    }

    /** Custodian only: hands the batch to another member organisation. */
    public SubmitResult transferCustody(String batchId, String toOrganization, String details) {
        return contract.submit("transferCustody", batchId, toOrganization, details);
    }

    /** The batch as JSON: product, attributes, producer, custodian, entries. */
    public JsonNode batch(String batchId) {
        return ContractJson.parse(contract.evaluate("batch", batchId), CONTRACT + ".batch");
    }

    public String custodian(String batchId) {
        return batch(batchId).get("custodian").asText();
    }

    /** Every entry, oldest first. */
    public List<Entry> history(String batchId) {
        return ContractJson.list(contract.evaluate("history", batchId), Entry.class, CONTRACT + ".history");
    }
}
