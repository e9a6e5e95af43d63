package io.consortia.platform.contract;

import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.AuditNotes;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/consortia/{id}/contract-packages")
@Tag(name = "Contract repository")
class ContractRepositoryController {
    private final ContractPackageService packages;
    private final CurrentUser currentUser;

    ContractRepositoryController(ContractPackageService packages, CurrentUser currentUser) {
        this.packages = packages;
        this.currentUser = currentUser;
    }

    record Upload(@NotNull @Valid ContractManifest manifest,
            @NotBlank @Size(max = 230_000) @Pattern(regexp = "[A-Za-z0-9+/=\\s]+", message = "must be base64")
            String module) {}

    /** note: why, shown to the uploader; required when rejecting ("reason" is accepted for it too). */
    record Review(@NotNull @Pattern(regexp = "REVIEWED|REJECTED", message = "must be REVIEWED or REJECTED")
            String status, @com.fasterxml.jackson.annotation.JsonAlias("reason") @Size(max = 2000) String note) {}

    @Operation(summary = "Upload a contract version (链码仓库): manifest and WebAssembly module (base64)",
            description = "The module is validated by the nodes' WebAssembly engine (no floating point, no foreign "
                    + "imports, limits, data and element segments inside the memory and table the module starts "
                    + "with); a refused module is a 400 problem naming the reason. The version starts "
                    + "PENDING review; at most " + ContractPackageService.MAX_MODULE_BYTES + " bytes of module.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ContractPackage upload(@PathVariable long id, @Valid @RequestBody Upload upload) {
        byte[] module;
        try {
            module = Base64.getMimeDecoder().decode(upload.module());
        } catch (IllegalArgumentException e) {
            throw InvalidFields.field("module", "must be base64: " + e.getMessage());
        }
        // what was offered is noted before the service may refuse it: a refused module's record says which
        AuditNotes.note("contract", upload.manifest().name());
        AuditNotes.note("version", upload.manifest().version());
        ContractPackage uploaded = packages.upload(currentUser.get(), id, upload.manifest(), module);
        AuditNotes.note("package", uploaded.id());
        AuditNotes.note("codeHash", uploaded.codeHash());
        AuditNotes.note("sizeBytes", uploaded.sizeBytes());
        return uploaded;
    }

    @Operation(summary = "Every version of every contract in the consortium's repository")
    @GetMapping
    List<ContractPackage> list(@PathVariable long id) {
        return packages.list(currentUser.get(), id);
    }

    @Operation(summary = "One version")
    @GetMapping("/{packageId}")
    ContractPackage get(@PathVariable long id, @PathVariable long packageId) {
        return packages.get(currentUser.get(), id, packageId);
    }

    @Operation(summary = "The versions of one contract, oldest first")
    @GetMapping("/by-name/{name}")
    List<ContractPackage> versions(@PathVariable long id, @PathVariable String name) {
        return packages.versions(currentUser.get(), id, name);
    }

    @Operation(summary = "Review a version (an organisation admin of a member, or an auditor): REVIEWED or REJECTED",
            description = "Only a REVIEWED version may be proposed on a channel; a review is final. A rejection needs "
                    + "a note saying why (1-2000 characters; \"reason\" is accepted for it): the uploader reads it as "
                    + "reviewNote, here and on the repository page. A rejection without one is a 400 naming note.")
    @PostMapping("/{packageId}/review")
    ContractPackage review(@PathVariable long id, @PathVariable long packageId, @Valid @RequestBody Review review) {
        AuditNotes.note("package", packageId);
        AuditNotes.note("decision", review.status());
        AuditNotes.note("note", review.note());
        ContractPackage reviewed = packages.review(currentUser.get(), id, packageId, "REVIEWED".equals(review.status()),
                review.note());
        // the package's id alone names nothing once the repository is read elsewhere
        AuditNotes.note("contract", reviewed.name());
        AuditNotes.note("version", reviewed.version());
        AuditNotes.note("codeHash", reviewed.codeHash());
        return reviewed;
    }
}
