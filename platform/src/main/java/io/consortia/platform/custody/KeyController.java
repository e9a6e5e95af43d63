package io.consortia.platform.custody;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.organization.OrganizationPolicy;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An organisation's keys in custody: metadata to its own users, export to its admin. */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/keys")
@Tag(name = "Custody")
class KeyController {
    private static final Logger LOG = LoggerFactory.getLogger(KeyController.class);
    private final CustodyService custody;
    private final OrganizationService organizations;
    private final CurrentUser currentUser;

    KeyController(CustodyService custody, OrganizationService organizations, CurrentUser currentUser) {
        this.custody = custody;
        this.organizations = organizations;
        this.currentUser = currentUser;
    }

    record ExportRequest(@NotBlank @Size(min = 12, max = 256, message = "must be 12 to 256 characters")
            String passphrase) {
        @Override
        public String toString() {
            return "ExportRequest[***]";
        }
    }

    @Operation(summary = "Keys in custody (certificates and metadata only; never private keys)")
    @GetMapping
    List<KeyView> keys(@PathVariable long organizationId) {
        organizations.get(organizationId);
        return custody.keys(currentUser.get(), organizationId);
    }

    @Operation(summary = "Export the organisation's keys as a passphrase-encrypted bundle (its admin only)")
    @PostMapping("/export")
    KeyBundle export(@PathVariable long organizationId, @Valid @RequestBody ExportRequest request) {
        String organization = organizations.get(organizationId).name();
        Caller caller = currentUser.get();
        if (!OrganizationPolicy.canExportKeys(caller, organizationId)) {
            throw PlatformException.forbidden("Only an admin of organisation " + organizationId + " may do this");
        }
        List<KeyBundle.Entry> entries = custody.openAll(organizationId).stream()
                .map(k -> new KeyBundle.Entry(k.view().consortiumId(), k.view().purpose().name(), k.view().subject(),
                        k.view().certificatePem(), new String(k.privateKeyPem(), StandardCharsets.UTF_8)))
                .toList();
        LOG.info("{} exported {} keys of organisation {}", caller.username(), entries.size(), organization);
        return KeyBundle.seal(organization, entries, request.passphrase().toCharArray());
    }
}
