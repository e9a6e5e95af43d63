package io.consortia.platform.contract;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The contract store (合约商店): templates that install onto a channel through the repository and the
 * same lifecycle as any upload (propose, the organisations' approvals, commit). Templates of the built-in
 * contracts (notarization, asset transfer, token, NFT, traceability) install a small module that forwards
 * every call to the built-in: the channel then decides through its approvals whether the contract exists,
 * who may call each function, and can freeze or revoke it. The example WebAssembly contracts of
 * examples/contracts (records, escrow) install as they are.
 */
@Service
public class ContractStore {
    /**
     * A store entry. Every one installs onto a channel as the user contract {@code manifest.name} through
     * the lifecycle; {@code builtIn} names the built-in contract a BUILT_IN template forwards to, whose
     * {@code endpoints} also reach it directly.
     */
    public record Template(String id, String kind, String title, String description, boolean installable,
            ContractManifest manifest, List<String> endpoints, String builtIn) {}

    private static final List<Template> TEMPLATES = List.of(
            builtIn("notarization", "Notarization (数据存证)", "Record a document's hash with its metadata; verify it with "
                    + "the Merkle proof of the transaction that recorded it.",
                    List.of(fn("record", false, "documentHash", "metadata"), fn("get", true, "documentHash"),
                            fn("listBySubmitter", true, "organization")),
                    List.of("POST .../notarizations", "GET .../notarizations/{documentHash}")),
            builtIn("asset", "Asset transfer (资产)", "Assets owned by an organisation; only the owner's users "
                    + "transfer them; every version is kept.",
                    List.of(fn("create", false, "assetId", "description", "value"), fn("read", true, "assetId"),
                            fn("transfer", false, "assetId", "newOwner"), fn("history", true, "assetId")),
                    List.of("POST .../assets", "POST .../assets/{assetId}/transfer", "GET .../assets/{assetId}/history")),
            builtIn("token", "Token (通证)", "Fungible tokens: issue, transfer between accounts, mint, burn.",
                    List.of(typed("create", false, "symbol", "string", "name", "string", "initialSupply", "integer"),
                            typed("mint", false, "symbol", "string", "amount", "integer"),
                            typed("transfer", false, "symbol", "string", "toAccount", "string", "amount", "integer"),
                            typed("burn", false, "symbol", "string", "amount", "integer"),
                            fn("balance", true, "symbol", "account"), fn("info", true, "symbol"), fn("account", true)),
                    List.of("POST .../tokens", "POST .../tokens/{symbol}/transfers", "GET .../tokens/{symbol}/balance")),
            builtIn("nft", "NFT", "ERC-721-like tokens in collections: mint by an authorised organisation, transfer by "
                    + "the owner only, exactly one owner per token.",
                    List.of(fn("createCollection", false, "collection", "name"),
                            fn("addMinter", false, "collection", "organization"),
                            fn("removeMinter", false, "collection", "organization"),
                            fn("mint", false, "collection", "tokenId", "toAccount", "tokenURI"),
                            fn("transfer", false, "collection", "tokenId", "toAccount"),
                            fn("approve", false, "collection", "tokenId", "account"),
                            typed("setApprovalForAll", false, "collection", "string", "operator", "string", "approved",
                                    "boolean"),
                            fn("collection", true, "collection"), fn("token", true, "collection", "tokenId"),
                            fn("ownerOf", true, "collection", "tokenId"), fn("tokenURI", true, "collection", "tokenId"),
                            fn("getApproved", true, "collection", "tokenId"),
                            fn("balanceOf", true, "collection", "account"), fn("tokensOf", true, "collection", "account"),
                            fn("isApprovedForAll", true, "collection", "owner", "operator"), fn("account", true)),
                    List.of("POST .../nft-collections", "POST .../nft-collections/{c}/tokens",
                            "POST .../nft-collections/{c}/tokens/{t}/transfer")),
            builtIn("traceability", "Traceability (溯源)", "Product batches and their chain of custody: each event "
                    + "names the organisation that recorded it; the history is append-only and ordered.",
                    List.of(fn("createBatch", false, "batchId", "product", "attributes"),
                            fn("recordEvent", false, "batchId", "type", "details"),
                            fn("transferCustody", false, "batchId", "toOrganization", "details"),
                            fn("batch", true, "batchId"), fn("history", true, "batchId")),
                    List.of("POST .../batches", "POST .../batches/{b}/events", "GET .../batches/{b}/history")),
            new Template("records", "WASM", "Records (example)", "Simple records: put, get, list, delete; only the "
                    + "organisation that wrote a record may delete it. AssemblyScript, examples/contracts/assembly/records.ts.",
                    true, new ContractManifest("records", "1.0.0", "Simple records", List.of(
                            fn("put", false, "id", "value"), fn("get", true, "id"), fn("del", false, "id"),
                            fn("list", true))), List.of(), null),
            new Template("escrow", "WASM", "Escrow (example)", "An escrow with access rules: the buyer opens it naming "
                    + "a seller and an arbiter; buyer or arbiter release, seller or arbiter refund; only the three see "
                    + "its status. AssemblyScript, examples/contracts/assembly/escrow.ts.",
                    true, new ContractManifest("escrow", "1.0.0", "Escrow between three organisations", List.of(
                            new ContractManifest.Function("open", "Open an escrow (you are the buyer)", false, List.of(
                                    arg("id", "string"), arg("seller", "string"), arg("arbiter", "string"),
                                    arg("amount", "integer"))),
                            fn("release", false, "id"), fn("refund", false, "id"), fn("status", true, "id"))),
                    List.of(), null));

    private final ContractPackageService packages;
    private final LifecycleService lifecycle;

    ContractStore(ContractPackageService packages, LifecycleService lifecycle) {
        this.packages = packages;
        this.lifecycle = lifecycle;
    }

    public List<Template> templates() {
        return TEMPLATES;
    }

    public Template template(String id) {
        return TEMPLATES.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> PlatformException.notFound("Store template", id));
    }

    /**
     * Installs a template onto a channel: puts its module in the repository (once), reviewed by the
     * installing admin, then installs, proposes (with the given caller rules) and approves it for their
     * organisation. The other organisations approve and someone commits, as for any contract.
     */
    public ContractOperation install(Caller caller, long consortiumId, String channel, String templateId, String policy,
            List<CallerRule> rules) {
        Template template = template(templateId);
        if (!ContractPolicy.canInstall(caller)) {
            throw PlatformException.forbidden("Only an organisation admin installs contracts");
        }
        lifecycle.checkProposal(caller, consortiumId, channel, template.manifest(), policy, rules);
        ContractPackage stored = packages.ensureTemplate(caller, consortiumId, template.manifest(), module(template));
        return lifecycle.propose(caller, consortiumId, channel, stored.id(), policy, rules);
    }

    /** The module shipped for a template: store/{contract name}.wasm (sources: platform/src/main/wat, examples/contracts). */
    static byte[] module(Template template) {
        String file = template.manifest().name() + ".wasm";
        try (InputStream in = ContractStore.class.getResourceAsStream("/store/" + file)) {
            if (in == null) {
                throw new IllegalStateException("store module " + file + " is missing from the platform");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read store module " + file, e);
        }
    }

    /**
     * A built-in's template: the user contract {@code <id>-app}, a module that forwards each function to the
     * built-in (platform/src/main/wat), so the channel agrees on it and its caller rules like any contract.
     */
    private static Template builtIn(String id, String title, String description, List<ContractManifest.Function> functions,
            List<String> endpoints) {
        return new Template(id, "BUILT_IN", title, description, true,
                new ContractManifest(id + "-app", "1.0.0", description, functions), endpoints, id);
    }

    /** A function whose arguments alternate name and type. */
    private static ContractManifest.Function typed(String name, boolean query, String... namesAndTypes) {
        List<ContractManifest.Argument> args = new java.util.ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            args.add(arg(namesAndTypes[i], namesAndTypes[i + 1]));
        }
        return new ContractManifest.Function(name, null, query, args);
    }

    private static ContractManifest.Function fn(String name, boolean query, String... args) {
        return new ContractManifest.Function(name, null, query,
                java.util.Arrays.stream(args).map(a -> arg(a, "string")).toList());
    }

    private static ContractManifest.Argument arg(String name, String type) {
        return new ContractManifest.Argument(name, type);
    }
}
