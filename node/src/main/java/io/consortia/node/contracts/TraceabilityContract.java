package io.consortia.node.contracts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;

/**
 * Traceability (溯源): product batches and the chain of custody and processing events on each,
 * recorded by organisations. Arguments are UTF-8 strings; results are UTF-8 JSON. Batch ids and
 * event types are 1–128 characters of {@code [A-Za-z0-9._:-]}, not only dots.
 *
 * <p>A batch is held by one organisation at a time, its custodian: the organisation of whoever
 * created it, then whichever organisation custody was handed to. Only a member of the custodian
 * may record events on the batch or hand it on — the one that has the goods vouches for what
 * happens to them; a later custodian cannot rewrite what an earlier one recorded.
 *
 * <p>A batch's history is append-only: entries are numbered 1, 2, 3... in the order the channel
 * committed them, each with the recording organisation and account and the transaction's
 * timestamp, id and block. Nothing updates or deletes an entry; every function only adds one.
 *
 * <ul>
 *   <li>{@code createBatch(batchId, product, [attributes])} — {@code product} 1–256 characters;
 *       {@code attributes} a JSON object of strings (at most 64, names up to 128 and values up to 1024 characters),
 *       stored with its names sorted. Entry 1, type {@code created}. Emits {@code traceability.created};
 *       returns the batch {@code {"batchId","product","attributes","producer","custodian","entries","transactionId","timestampMillis"}}.</li>
 *   <li>{@code recordEvent(batchId, type, [details])} — custodian only; {@code type} e.g. {@code harvested},
 *       {@code processed}, {@code inspected}, not {@code created} or {@code custodyTransferred};
 *       {@code details} 0–4096 characters (free text or JSON, kept as given). Emits {@code traceability.recorded};
 *       returns the entry.</li>
 *   <li>{@code transferCustody(batchId, toOrganization, [details])} — custodian only, to another member organisation
 *       of the channel. Entry of type {@code custodyTransferred} whose {@code custodian} is the new one.
 *       Emits {@code traceability.custodyTransferred}; returns the entry.</li>
 *   <li>{@code batch(batchId)} (read-only) — the batch.</li>
 *   <li>{@code history(batchId)} (read-only) — JSON array of every entry, oldest first:
 *       {@code {"batchId","sequence","type","organization","recordedBy","custodian","details","transactionId","timestampMillis","blockNumber"}};
 *       {@code custodian} is who held the batch after the entry.</li>
 * </ul>
 *
 * <p>State: {@code batch/<id>} → the batch (its custodian and entry count);
 * {@code history/<id>/<sequence, 10 digits>} → the entry (zero-padded so key order is sequence order).
 */
public final class TraceabilityContract extends BuiltInContract {
    public static final String NAME = "traceability";
    static final int MAX_PRODUCT = 256;
    static final int MAX_DETAILS = 4096;
    static final int MAX_ATTRIBUTES = 64;
    static final int MAX_ATTRIBUTE_NAME = 128;
    static final int MAX_ATTRIBUTE_VALUE = 1024;
    static final String CREATED = "created";
    static final String CUSTODY_TRANSFERRED = "custodyTransferred";
    private static final Set<String> FUNCTIONS = Set.of("createBatch", "recordEvent", "transferCustody", "batch", "history");
    private static final Set<String> READ_ONLY = Set.of("batch", "history");

    public TraceabilityContract() {
        super(NAME, FUNCTIONS, READ_ONLY);
    }

    @JsonPropertyOrder({"batchId", "product", "attributes", "producer", "custodian", "entries", "transactionId", "timestampMillis"})
    public record Batch(String batchId, String product, SortedMap<String, String> attributes, String producer,
            String custodian, long entries, String transactionId, long timestampMillis) {}

    @JsonPropertyOrder({"batchId", "sequence", "type", "organization", "recordedBy", "custodian", "details",
            "transactionId", "timestampMillis", "blockNumber"})
    public record Entry(String batchId, long sequence, String type, String organization, String recordedBy,
            String custodian, String details, String transactionId, long timestampMillis, long blockNumber) {}

    @Override
    public byte[] invoke(ContractContext context, String function, List<ByteString> args) {
        return switch (function) {
            case "createBatch" -> createBatch(context, Arguments.of(function, args, 2, 3, "createBatch(batchId, product, [attributes])"));
            case "recordEvent" -> recordEvent(context, Arguments.of(function, args, 2, 3, "recordEvent(batchId, type, [details])"));
            case "transferCustody" -> transferCustody(context,
                    Arguments.of(function, args, 2, 3, "transferCustody(batchId, toOrganization, [details])"));
            case "batch" -> Json.write(load(context, Arguments.of(function, args, 1, 1, "batch(batchId)").id(0, "batchId")));
            case "history" -> history(context, Arguments.of(function, args, 1, 1, "history(batchId)").id(0, "batchId"));
            default -> throw new ContractException("traceability has no function " + function);
        };
    }

    private static byte[] createBatch(ContractContext context, Arguments args) {
        String id = args.id(0, "batchId");
        String product = args.nonBlank(1, "product", MAX_PRODUCT);
        SortedMap<String, String> attributes = Json.stringMap(args.optionalString(2, "attributes", "{}"),
                "createBatch: attributes", MAX_ATTRIBUTES, MAX_ATTRIBUTE_NAME, MAX_ATTRIBUTE_VALUE);
        if (context.get(batchKey(id)).isPresent()) {
            throw new ContractException("batch " + id + " already exists");
        }
        String organization = context.creatorOrganization();
        Batch batch = new Batch(id, product, attributes, organization, organization, 0, context.transactionId(),
                context.timestampMillis());
        append(context, batch, CREATED, organization, "", "traceability.created");
        return Json.write(load(context, id));
    }

    private static byte[] recordEvent(ContractContext context, Arguments args) {
        Batch batch = load(context, args.id(0, "batchId"));
        String type = args.id(1, "type");
        String details = details(args, "recordEvent");
        if (type.equals(CREATED) || type.equals(CUSTODY_TRANSFERRED)) {
            throw new ContractException("recordEvent: type " + type + " is recorded by the contract itself; use another type");
        }
        requireCustodian(context, batch, "record events on");
        return append(context, batch, type, batch.custodian(), details, "traceability.recorded");
    }

    private static byte[] transferCustody(ContractContext context, Arguments args) {
        Batch batch = load(context, args.id(0, "batchId"));
        String to = args.nonBlank(1, "toOrganization", 256);
        String details = details(args, "transferCustody");
        requireCustodian(context, batch, "transfer custody of");
        if (to.equals(batch.custodian())) {
            throw new ContractException("transferCustody: " + to + " already holds batch " + batch.batchId());
        }
        if (!context.isChannelMember(to)) {
            throw new ContractException("transferCustody: toOrganization '" + Arguments.abbreviate(to)
                    + "' is not an organisation of channel " + context.channel());
        }
        return append(context, batch, CUSTODY_TRANSFERRED, to, details, "traceability.custodyTransferred");
    }

    private static byte[] history(ContractContext context, String id) {
        load(context, id); // an unknown id is refused by name rather than answered with an empty list
        List<byte[]> entries = new ArrayList<>();
        context.forEach("history/" + id + "/", (key, value) -> entries.add(value));
        return Json.array(entries);
    }

    /** Adds the batch's next entry (never overwriting one) and saves the batch with its new custodian and count. */
    private static byte[] append(ContractContext context, Batch batch, String type, String custodian, String details,
            String event) {
        long sequence = batch.entries() + 1;
        String key = entryKey(batch.batchId(), sequence);
        if (context.get(key).isPresent()) {
            // the count and the entries are written together, so this is a corrupted state, not a caller's mistake
            throw new IllegalStateException("entry " + sequence + " of batch " + batch.batchId() + " already exists");
        }
        Entry entry = new Entry(batch.batchId(), sequence, type, context.creatorOrganization(), Accounts.of(context),
                custodian, details, context.transactionId(), context.timestampMillis(), context.blockNumber());
        byte[] json = Json.write(entry);
        context.put(key, json);
        context.put(batchKey(batch.batchId()), Json.write(new Batch(batch.batchId(), batch.product(), batch.attributes(),
                batch.producer(), custodian, sequence, batch.transactionId(), batch.timestampMillis())));
        context.emit(event, json);
        return json;
    }

    private static void requireCustodian(ContractContext context, Batch batch, String what) {
        if (!batch.custodian().equals(context.creatorOrganization())) {
            throw new ContractException("only the custodian " + batch.custodian() + " may " + what + " batch " + batch.batchId());
        }
    }

    private static String details(Arguments args, String function) {
        String details = args.optionalString(2, "details", "");
        if (details.length() > MAX_DETAILS) {
            throw new ContractException(function + ": details must be at most " + MAX_DETAILS + " characters");
        }
        return details;
    }

    private static Batch load(ContractContext context, String id) {
        return context.get(batchKey(id)).map(bytes -> Json.read(bytes, Batch.class))
                .orElseThrow(() -> new RecordNotFoundException("batch " + id + " does not exist"));
    }

    private static String batchKey(String id) {
        return "batch/" + id;
    }

    private static String entryKey(String id, long sequence) {
        return String.format(Locale.ROOT, "history/%s/%010d", id, sequence);
    }
}
