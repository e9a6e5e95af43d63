package io.consortia.platform.contract;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.consortia.wasm.WasmConfig;
import io.consortia.wasm.WasmEngine;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The contract repository (链码仓库) of a consortium: packages uploaded by its organisations' users,
 * each module checked by the same WebAssembly engine the nodes run (so a module the nodes would
 * refuse at commit is refused at upload), reviewed by an organisation admin or an auditor before any
 * channel may be asked to run it.
 */
@Service
public class ContractPackageService {
    /**
     * The largest module accepted. Uploads are JSON with the module in base64, and the platform
     * refuses request bodies over 256 KiB by default; 160 KiB of module is about 214 KiB of base64.
     */
    static final int MAX_MODULE_BYTES = 160 * 1024;
    private final ContractPackageRepository packages;
    private final ConsortiumService consortia;
    /** Only validates: the platform never runs a module, the nodes do. */
    private final WasmEngine engine = new WasmEngine(WasmConfig.defaults());

    ContractPackageService(ContractPackageRepository packages, ConsortiumService consortia) {
        this.packages = packages;
        this.consortia = consortia;
    }

    /** Adds a version: any user of a member organisation may upload; it starts PENDING review. */
    public ContractPackage upload(Caller caller, long consortiumId, ContractManifest manifest, byte[] module) {
        requireMemberUser(caller, consortiumId);
        manifest.checkConsistent();
        if (module.length == 0) {
            throw InvalidFields.field("module", "is empty");
        }
        if (module.length > MAX_MODULE_BYTES) {
            throw InvalidFields.field("module", "is " + module.length + " bytes; at most " + MAX_MODULE_BYTES
                    + " are accepted");
        }
        engine.validate(module).ifPresent(reason -> {
            throw new PlatformException(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid-module",
                    "The WebAssembly module is refused: " + reason).withExtensions(java.util.Map.of("errors",
                    List.of(java.util.Map.of("field", "module", "message", "is refused: " + reason))));
        });
        requireExported(manifest, engine.exportedFunctions(module));
        if (packages.exists(consortiumId, manifest.name(), manifest.version())) {
            throw PlatformException.conflict("Contract " + manifest.name() + " already has a version "
                    + manifest.version() + "; give the new one another version");
        }
        long id = packages.insert(consortiumId, manifest, module, WasmEngine.codeHash(module), caller.username(),
                caller.organizationId());
        return packages.byId(id).orElseThrow();
    }

    public List<ContractPackage> list(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
        return packages.ofConsortium(consortiumId);
    }

    public List<ContractPackage> versions(Caller caller, long consortiumId, String name) {
        consortia.requireVisible(caller, consortiumId);
        List<ContractPackage> versions = packages.versions(consortiumId, name);
        if (versions.isEmpty()) {
            throw PlatformException.notFound("Contract", name);
        }
        return versions;
    }

    public ContractPackage get(Caller caller, long consortiumId, long packageId) {
        consortia.requireVisible(caller, consortiumId);
        return require(consortiumId, packageId);
    }

    ContractPackage require(long consortiumId, long packageId) {
        return packages.byId(packageId).filter(p -> p.consortiumId() == consortiumId)
                .orElseThrow(() -> PlatformException.notFound("Contract package", packageId));
    }

    /**
     * The newest REVIEWED version of {@code name} whose module has exactly {@code codeHash} (hex, the channel's
     * hash), if any: what runs on a channel when the platform did not propose that definition itself. Newest,
     * because two versions of one module differ only in their manifests, and the later one is the reviewed
     * correction. Packages record SHA-256; a channel of an SM2 consortium hashes modules with SM3, so those are
     * hashed again here (only the few reviewed versions of one contract, and only when no proposal row matched).
     */
    Optional<ContractPackage> reviewedWithCode(long consortiumId, String name, String codeHash) {
        List<ContractPackage> reviewed = packages.versions(consortiumId, name).stream().filter(ContractPackage::reviewed)
                .sorted(java.util.Comparator.comparingLong(ContractPackage::id).reversed()).toList();
        Optional<ContractPackage> sha256 = reviewed.stream().filter(p -> p.codeHash().equalsIgnoreCase(codeHash))
                .findFirst();
        if (sha256.isPresent()) {
            return sha256;
        }
        return reviewed.stream()
                .filter(p -> io.consortia.crypto.Hashes.hex(io.consortia.crypto.Hashes.sm3().digest(module(p)))
                        .equalsIgnoreCase(codeHash))
                .findFirst();
    }

    byte[] module(ContractPackage contractPackage) {
        return packages.module(contractPackage.id());
    }

    /**
     * Marks a version REVIEWED (or REJECTED): an admin of a member organisation or an auditor. The
     * uploader's own organisation may review it too (every organisation still approves the definition
     * on chain), but not the uploader: the review is a second pair of eyes on code that runs on every
     * node. Rejecting one's own upload stays allowed: it only keeps a version from being proposed
     * (the uploader noticed a mistake), which needs no second opinion.
     */
    public ContractPackage review(Caller caller, long consortiumId, long packageId, boolean approved, String note) {
        consortia.requireVisible(caller, consortiumId);
        boolean member = caller.organizationId() != null && consortia.isMember(consortiumId, caller.organizationId());
        if (!ContractPolicy.canReview(caller, member)) {
            throw PlatformException.forbidden("Only an admin of a member organisation or an auditor reviews contracts");
        }
        // a rejection without a reason left the uploader guessing what to fix
        String text = note == null || note.isBlank() ? null : note.strip();
        if (!approved && text == null) {
            throw InvalidFields.field("note", "is required when rejecting: say why, the uploader reads it");
        }
        ContractPackage contractPackage = require(consortiumId, packageId);
        if (approved && contractPackage.uploadedBy().equals(caller.username())) {
            throw PlatformException.forbidden("You uploaded version " + contractPackage.version() + " of "
                    + contractPackage.name() + ": someone else reviews it (another admin of a member organisation "
                    + "or an auditor); you may reject it");
        }
        if (!ContractPackage.PENDING.equals(contractPackage.reviewStatus())) {
            throw PlatformException.conflict("Version " + contractPackage.version() + " of " + contractPackage.name()
                    + " is already " + contractPackage.reviewStatus());
        }
        if (!packages.review(packageId, approved ? ContractPackage.REVIEWED : ContractPackage.REJECTED,
                caller.username(), text)) {
            throw PlatformException.conflict("Version " + contractPackage.version() + " of " + contractPackage.name()
                    + " is already " + packages.byId(packageId).orElseThrow().reviewStatus());
        }
        return packages.byId(packageId).orElseThrow();
    }

    /**
     * The store's templates become repository versions once, uploaded by the admin who installs them
     * and reviewed by {@link ContractPackage#PRODUCT_REVIEWER}: their code ships with the platform
     * (and is reviewed with it), so no one in the consortium read it, and the installer reviewing
     * their own install would say they had.
     */
    ContractPackage ensureTemplate(Caller caller, long consortiumId, ContractManifest manifest, byte[] module) {
        ContractPackage stored = packages.byVersion(consortiumId, manifest.name(), manifest.version()).map(existing -> {
            if (!existing.codeHash().equals(WasmEngine.codeHash(module))) {
                throw PlatformException.conflict("The repository already has " + manifest.name() + " "
                        + manifest.version() + " with other code");
            }
            return existing;
        }).orElseGet(() -> upload(caller, consortiumId, manifest, module));
        if (stored.reviewed()) {
            return stored;
        }
        if (!packages.review(stored.id(), ContractPackage.REVIEWED, ContractPackage.PRODUCT_REVIEWER,
                ContractPackage.PRODUCT_REVIEW_NOTE)) {
            throw PlatformException.conflict("Version " + stored.version() + " of " + stored.name() + " is already "
                    + packages.byId(stored.id()).orElseThrow().reviewStatus());
        }
        return packages.byId(stored.id()).orElseThrow();
    }

    /**
     * Every function of the manifest is one the module exports: the console builds call forms from the manifest,
     * and a function the module lacks could only ever end UNKNOWN_FUNCTION (a wasted transaction on chain).
     */
    static void requireExported(ContractManifest manifest, java.util.Set<String> exported) {
        for (int i = 0; i < manifest.functions().size(); i++) {
            String name = manifest.functions().get(i).name();
            if (!exported.contains(name)) {
                throw InvalidFields.field("manifest.functions[" + i + "].name", name
                        + ": the module exports no such function (it exports " + String.join(", ",
                        new java.util.TreeSet<>(exported)) + ")");
            }
        }
    }

    private void requireMemberUser(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
        long organization = caller.requireOrganization();
        if (!consortia.isMember(consortiumId, organization)) {
            throw PlatformException.forbidden("Your organisation is not a member of consortium " + consortiumId);
        }
    }
}
