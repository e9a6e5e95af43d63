package io.consortia.platform.contract;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The contract store (合约商店): the built-in contracts every channel already runs (notarization,
 * asset transfer, token, NFT, traceability: nothing to install, their REST endpoints are listed) and
 * the example WebAssembly contracts of examples/contracts, shipped with the platform, which install
 * onto a channel through the repository and the same lifecycle as any upload.
 */
@Service
public class ContractStore {
    /** A store entry; {@code installable} ones carry a module and go through the lifecycle. */
    public record Template(String id, String kind, String title, String description, boolean installable,
            ContractManifest manifest, List<String> endpoints) {}

    private static final List<Template> TEMPLATES = List.of(
            builtIn("notarization", "Notarization (数据存证)", "Record a document's hash with its metadata; verify it with "
                    + "the Merkle proof of the transaction that recorded it.",
                    fn("record", false, "documentHash", "metadata"), fn("get", true, "documentHash"),
                    List.of("POST .../notarizations", "GET .../notarizations/{documentHash}")),
            builtIn("asset", "Asset transfer (资产)", "Assets owned by an organisation; only the owner's users "
                    + "transfer them; every version is kept.",
                    fn("create", false, "assetId", "description", "value"), fn("transfer", false, "assetId", "newOwner"),
                    List.of("POST .../assets", "POST .../assets/{assetId}/transfer", "GET .../assets/{assetId}/history")),
            builtIn("token", "Token (通证)", "Fungible tokens: issue, transfer between accounts, mint, burn.",
                    fn("create", false, "symbol", "name", "initialSupply"), fn("transfer", false, "symbol", "toAccount",
                            "amount"),
                    List.of("POST .../tokens", "POST .../tokens/{symbol}/transfers", "GET .../tokens/{symbol}/balance")),
            builtIn("nft", "NFT", "ERC-721-like tokens in collections: mint by an authorised organisation, transfer by "
                    + "the owner only, exactly one owner per token.",
                    fn("mint", false, "collection", "tokenId", "toAccount", "tokenUri"),
                    fn("transfer", false, "collection", "tokenId", "toAccount"),
                    List.of("POST .../nft-collections", "POST .../nft-collections/{c}/tokens",
                            "POST .../nft-collections/{c}/tokens/{t}/transfer")),
            builtIn("traceability", "Traceability (溯源)", "Product batches and their chain of custody: each event "
                    + "names the organisation that recorded it; the history is append-only and ordered.",
                    fn("createBatch", false, "batchId", "product", "attributes"),
                    fn("recordEvent", false, "batchId", "type", "details"),
                    List.of("POST .../batches", "POST .../batches/{b}/events", "GET .../batches/{b}/history")),
            new Template("records", "WASM", "Records (example)", "Simple records: put, get, list, delete; only the "
                    + "organisation that wrote a record may delete it. AssemblyScript, examples/contracts/assembly/records.ts.",
                    true, new ContractManifest("records", "1.0.0", "Simple records", List.of(
                            fn("put", false, "id", "value"), fn("get", true, "id"), fn("del", false, "id"),
                            fn("list", true))), List.of()),
            new Template("escrow", "WASM", "Escrow (example)", "An escrow with access rules: the buyer opens it naming "
                    + "a seller and an arbiter; buyer or arbiter release, seller or arbiter refund; only the three see "
                    + "its status. AssemblyScript, examples/contracts/assembly/escrow.ts.",
                    true, new ContractManifest("escrow", "1.0.0", "Escrow between three organisations", List.of(
                            new ContractManifest.Function("open", "Open an escrow (you are the buyer)", false, List.of(
                                    arg("id", "string"), arg("seller", "string"), arg("arbiter", "string"),
                                    arg("amount", "integer"))),
                            fn("release", false, "id"), fn("refund", false, "id"), fn("status", true, "id"))),
                    List.of()));

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
     * Installs an example onto a channel: puts the module in the repository (once), reviewed by the
     * installing admin, then installs, proposes and approves it for their organisation. The other
     * organisations approve and someone commits, as for any contract.
     */
    public ContractOperation install(Caller caller, long consortiumId, String channel, String templateId, String policy) {
        Template template = template(templateId);
        if (!template.installable()) {
            throw PlatformException.conflict(template.title() + " is built into every channel: nothing to install; "
                    + "use its endpoints");
        }
        if (!ContractPolicy.canInstall(caller)) {
            throw PlatformException.forbidden("Only an organisation admin installs contracts");
        }
        lifecycle.requireLifecycleAdmin(caller, consortiumId, channel);
        ContractPackage stored = packages.ensureTemplate(caller, consortiumId, template.manifest(), module(templateId));
        return lifecycle.propose(caller, consortiumId, channel, stored.id(), policy);
    }

    static byte[] module(String templateId) {
        try (InputStream in = ContractStore.class.getResourceAsStream("/store/" + templateId + ".wasm")) {
            if (in == null) {
                throw new IllegalStateException("store module " + templateId + ".wasm is missing from the platform");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read store module " + templateId, e);
        }
    }

    private static Template builtIn(String id, String title, String description, ContractManifest.Function a,
            ContractManifest.Function b, List<String> endpoints) {
        return new Template(id, "BUILT_IN", title, description, false,
                new ContractManifest(id, "built-in", description, List.of(a, b)), endpoints);
    }

    private static ContractManifest.Function fn(String name, boolean query, String... args) {
        return new ContractManifest.Function(name, null, query,
                java.util.Arrays.stream(args).map(a -> arg(a, "string")).toList());
    }

    private static ContractManifest.Argument arg(String name, String type) {
        return new ContractManifest.Argument(name, type);
    }
}
