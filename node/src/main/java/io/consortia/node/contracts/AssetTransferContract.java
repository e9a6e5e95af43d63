package io.consortia.node.contracts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Asset transfer (资产转账): assets owned by organisations, transferred only by their owner,
 * with a full history. Arguments are UTF-8 strings; results are UTF-8 JSON. Asset ids are
 * 1–128 characters of {@code [A-Za-z0-9._:-]}, not only dots.
 *
 * <ul>
 *   <li>{@code create(assetId, description, value)} — a new asset owned by the creator's
 *       organisation; {@code description} up to 1024 characters, {@code value} a
 *       non-negative whole number. Refused if the id exists. Returns the asset
 *       {@code {"assetId","description","value","owner","version","transactionId","timestampMillis"}}.
 *       Emits {@code asset.created}.</li>
 *   <li>{@code read(assetId)} (read-only) — the asset.</li>
 *   <li>{@code transfer(assetId, newOwnerOrganization)} — only a creator from the current
 *       owner organisation may transfer, and only to a member organisation of the channel (an
 *       asset handed to an organisation that does not exist would be lost for good); returns
 *       the updated asset. Emits {@code asset.transferred}.</li>
 *   <li>{@code history(assetId)} (read-only) — JSON array of every version, oldest first:
 *       {@code {"version","action","owner","value","transactionId","timestampMillis","blockNumber"}}.</li>
 * </ul>
 *
 * <p>State: {@code asset/<id>} → current asset; {@code history/<id>/<version, 10 digits>} →
 * that version (zero-padded so key order is version order; ids cannot contain '/').
 */
public final class AssetTransferContract extends BuiltInContract {
    public static final String NAME = "asset";
    static final int MAX_DESCRIPTION = 1024;
    private static final Set<String> FUNCTIONS = Set.of("create", "read", "transfer", "history");
    private static final Set<String> READ_ONLY = Set.of("read", "history");

    public AssetTransferContract() {
        super(NAME, FUNCTIONS, READ_ONLY);
    }

    @JsonPropertyOrder({"assetId", "description", "value", "owner", "version", "transactionId", "timestampMillis"})
    public record Asset(String assetId, String description, long value, String owner, long version,
            String transactionId, long timestampMillis) {}

    @JsonPropertyOrder({"version", "action", "owner", "value", "transactionId", "timestampMillis", "blockNumber"})
    public record AssetVersion(long version, String action, String owner, long value, String transactionId,
            long timestampMillis, long blockNumber) {}




    @Override
    public byte[] invoke(ContractContext context, String function, List<ByteString> args) {
        return switch (function) {
            case "create" -> create(context, Arguments.of(function, args, 3, 3, "create(assetId, description, value)"));
            case "read" -> Json.write(load(context, Arguments.of(function, args, 1, 1, "read(assetId)").id(0, "assetId")));
            case "transfer" -> transfer(context, Arguments.of(function, args, 2, 2, "transfer(assetId, newOwnerOrganization)"));
            case "history" -> history(context, Arguments.of(function, args, 1, 1, "history(assetId)").id(0, "assetId"));
            default -> throw new ContractException("asset has no function " + function);
        };
    }

    private static byte[] create(ContractContext context, Arguments args) {
        String id = args.id(0, "assetId");
        String description = args.string(1, "description");
        if (description.length() > MAX_DESCRIPTION) {
            throw new ContractException("create: description must be at most " + MAX_DESCRIPTION + " characters");
        }
        long value = args.nonNegativeLong(2, "value");
        if (context.get(assetKey(id)).isPresent()) {
            throw new ContractException("asset " + id + " already exists");
        }
        Asset asset = new Asset(id, description, value, context.creatorOrganization(), 1,
                context.transactionId(), context.timestampMillis());
        return save(context, asset, "create", "asset.created");
    }

    private static byte[] transfer(ContractContext context, Arguments args) {
        String id = args.id(0, "assetId");
        String newOwner = args.nonBlank(1, "newOwnerOrganization", 256);
        Asset asset = load(context, id);
        if (!asset.owner().equals(context.creatorOrganization())) {
            throw new ContractException("only " + asset.owner() + " may transfer asset " + id);
        }
        if (newOwner.equals(asset.owner())) {
            throw new ContractException("asset " + id + " already belongs to " + newOwner);
        }
        if (!context.isChannelMember(newOwner)) {
            throw new ContractException("transfer: newOwnerOrganization '" + Arguments.abbreviate(newOwner)
                    + "' is not an organisation of channel " + context.channel() + "; the asset would be lost");
        }
        Asset moved = new Asset(id, asset.description(), asset.value(), newOwner, asset.version() + 1,
                context.transactionId(), context.timestampMillis());
        return save(context, moved, "transfer", "asset.transferred");
    }

    private static byte[] history(ContractContext context, String id) {
        load(context, id); // refuses an unknown id with a clear message rather than an empty list
        List<byte[]> versions = new ArrayList<>();
        context.forEach("history/" + id + "/", (key, value) -> versions.add(value));
        return Json.array(versions);
    }

    private static byte[] save(ContractContext context, Asset asset, String action, String event) {
        byte[] json = Json.write(asset);
        context.put(assetKey(asset.assetId()), json);
        AssetVersion version = new AssetVersion(asset.version(), action, asset.owner(), asset.value(),
                context.transactionId(), context.timestampMillis(), context.blockNumber());
        context.put(String.format(java.util.Locale.ROOT, "history/%s/%010d", asset.assetId(), asset.version()), Json.write(version));
        context.emit(event, json);
        return json;
    }

    private static Asset load(ContractContext context, String id) {
        return context.get(assetKey(id))
                .map(bytes -> Json.read(bytes, Asset.class))
                .orElseThrow(() -> new RecordNotFoundException("asset " + id + " does not exist"));
    }

    private static String assetKey(String id) {
        return "asset/" + id;
    }
}
