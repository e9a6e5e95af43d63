package io.consortia.node.contracts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Data notarization (数据存证): records that a document with a given hash existed at a given
 * time, submitted by a given organisation. Records are immutable. Arguments are UTF-8
 * strings; results are UTF-8 JSON.
 *
 * <ul>
 *   <li>{@code record(documentHash, [metadata])} — {@code documentHash} is 64 hex characters
 *       (e.g. a SHA-256 or SM3 of the document, stored lower-case); {@code metadata} is
 *       optional free text up to 4 KiB of UTF-8. Returns the record:
 *       {@code {"documentHash","metadata","submitterOrganization","submitterName",
 *       "transactionId","timestampMillis","blockNumber"}}. Refused if the hash is already
 *       notarized. Emits event {@code notarized} with the record.</li>
 *   <li>{@code get(documentHash)} (read-only) — the record, or refused as not notarized.
 *       Its {@code transactionId} lets a client fetch the transaction with its Merkle proof
 *       of inclusion from the ledger.</li>
 *   <li>{@code listBySubmitter(organization)} (read-only) — JSON array of that
 *       organisation's records, ordered by document hash, at most 1000.</li>
 * </ul>
 *
 * <p>State: {@code doc/<hash>} → record; {@code by-org/<len(org)>:<org>/<hash>} → empty
 * (the length prefix keeps organisation "A" from matching the keys of "A/B").
 */
public final class NotarizationContract extends BuiltInContract {
    public static final String NAME = "notarization";
    /** What a record's metadata may hold, in UTF-8 bytes; the platform refuses more before submitting. */
    public static final int MAX_METADATA_BYTES = 4096;
    static final int MAX_LIST = 1000;
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> READ_ONLY = Set.of("get", "listBySubmitter");
    private static final Set<String> FUNCTIONS = Set.of("record", "get", "listBySubmitter");

    public NotarizationContract() {
        super(NAME, FUNCTIONS, READ_ONLY);
    }

    /** The stored and returned record. */
    @JsonPropertyOrder({"documentHash", "metadata", "submitterOrganization", "submitterName",
        "transactionId", "timestampMillis", "blockNumber"})
    public record NotarizationRecord(String documentHash, String metadata, String submitterOrganization,
            String submitterName, String transactionId, long timestampMillis, long blockNumber) {}




    @Override
    public byte[] invoke(ContractContext context, String function, List<ByteString> args) {
        return switch (function) {
            case "record" -> record(context, Arguments.of(function, args, 1, 2, "record(documentHash, [metadata])"));
            case "get" -> get(context, documentHash(Arguments.of(function, args, 1, 1, "get(documentHash)")));
            case "listBySubmitter" -> list(context,
                    Arguments.of(function, args, 1, 1, "listBySubmitter(organization)").nonBlank(0, "organization", 256));
            default -> throw new ContractException("notarization has no function " + function);
        };
    }

    private static byte[] record(ContractContext context, Arguments args) {
        String hash = documentHash(args);
        String metadata = args.optionalString(1, "metadata", "");
        if (metadata.getBytes(StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
            throw new ContractException("record: metadata must be at most " + MAX_METADATA_BYTES + " bytes of UTF-8");
        }
        var existing = context.get(documentKey(hash));
        if (existing.isPresent()) {
            NotarizationRecord previous = Json.read(existing.get(), NotarizationRecord.class);
            throw new ContractException("document " + hash + " is already notarized in transaction " + previous.transactionId());
        }
        NotarizationRecord record = new NotarizationRecord(hash, metadata, context.creatorOrganization(),
                context.creatorName(), context.transactionId(), context.timestampMillis(), context.blockNumber());
        byte[] json = Json.write(record);
        context.put(documentKey(hash), json);
        context.put(submitterPrefix(context.creatorOrganization()) + hash, new byte[0]);
        context.emit("notarized", json);
        return json;
    }

    private static byte[] get(ContractContext context, String hash) {
        return context.get(documentKey(hash))
                .orElseThrow(() -> new RecordNotFoundException("document " + hash + " is not notarized"));
    }

    private static byte[] list(ContractContext context, String organization) {
        String prefix = submitterPrefix(organization);
        List<byte[]> records = new ArrayList<>();
        context.forEach(prefix, (key, ignored) -> {
            context.get(documentKey(key.substring(prefix.length()))).ifPresent(records::add);
            return records.size() < MAX_LIST;
        });
        return Json.array(records);
    }

    private static String documentHash(Arguments args) {
        String hash = args.string(0, "documentHash");
        if (!HASH.matcher(hash).matches()) {
            throw new ContractException("documentHash must be 64 hexadecimal characters, got '" + Arguments.abbreviate(hash) + "'");
        }
        return hash.toLowerCase(Locale.ROOT);
    }

    private static String documentKey(String hash) {
        return "doc/" + hash;
    }

    private static String submitterPrefix(String organization) {
        return "by-org/" + organization.length() + ":" + organization + "/";
    }
}
