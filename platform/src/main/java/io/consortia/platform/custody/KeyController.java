package io.consortia.platform.custody;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.identity.PasswordConfirmation;
import io.consortia.platform.organization.OrganizationPolicy;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.AuditNotes;
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

    private final PasswordConfirmation passwords;

    KeyController(CustodyService custody, OrganizationService organizations, CurrentUser currentUser,
            PasswordConfirmation passwords) {
        this.custody = custody;
        this.organizations = organizations;
        this.currentUser = currentUser;
        this.passwords = passwords;
    }

    /**
     * The passphrase the bundle is encrypted with, and the caller's current password: the bundle
     * holds the organisation's CA and admin keys, so a bearer token or session alone, which may be
     * stolen, does not export it (the passphrase is the caller's choice and protects nothing then).
     */
    record ExportRequest(@NotBlank @Size(min = 12, max = 256, message = "must be 12 to 256 characters")
            String passphrase, @NotBlank String currentPassword) {
        @Override
        public String toString() {
            return "ExportRequest[***, ***]";
        }
    }

    @Operation(summary = "Keys in custody (certificates and metadata only; never private keys)")
    @GetMapping
    List<KeyView> keys(@PathVariable long organizationId) {
        organizations.get(organizationId);
        return custody.keys(currentUser.get(), organizationId);
    }

    @Operation(summary = "Export the organisation's keys as a passphrase-encrypted bundle (its admin only)",
            description = "The passphrase must be 12 to 256 characters without control characters and hard to guess: "
                    + "at least 10^10 guesses by the zxcvbn strength estimate (repeats, sequences, keyboard patterns "
                    + "and common words count as easy; four or five random words pass). A weaker one is refused "
                    + "with 400 and the reason. The caller's currentPassword is required too, as for a password "
                    + "change: missing or wrong is 400 and nothing is exported; wrong ones are throttled per user "
                    + "together with those of PUT /me/password (after 5 each further attempt must wait, answered "
                    + "429 with Retry-After, without checking the password).")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200",
            description = "The bundle, encrypted with the passphrase")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400",
            description = "A weak passphrase, or currentPassword missing or wrong; nothing exported")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "429",
            description = "Too many wrong current passwords; retry after the Retry-After seconds")
    @PostMapping("/export")
    KeyBundle export(@PathVariable long organizationId, @Valid @RequestBody ExportRequest request) {
        String organization = organizations.get(organizationId).name();
        Caller caller = currentUser.get();
        if (!OrganizationPolicy.canExportKeys(caller, organizationId)) {
            throw PlatformException.forbidden("Only an admin of organisation " + organizationId + " may do this");
        }
        // after the role check, so that only the organisation's admins spend their throttle here
        passwords.confirm(caller, request.currentPassword());
        PassphraseRule.check(request.passphrase());
        List<KeyBundle.Entry> entries = custody.openAll(organizationId).stream()
                .map(k -> new KeyBundle.Entry(k.view().consortiumId(), k.view().purpose().name(), k.view().subject(),
                        k.view().certificatePem(), new String(k.privateKeyPem(), StandardCharsets.UTF_8)))
                .toList();
        LOG.info("{} exported {} keys of organisation {}", caller.username(), entries.size(), organization);
        // which keys left the platform, never their material (nor the passphrase that seals them)
        AuditNotes.note("organization", organizationId);
        AuditNotes.note("keyCount", entries.size());
        AuditNotes.note("keys", entries.stream().map(e -> e.consortiumId() + "/" + e.purpose() + "/" + e.subject()).toList());
        return KeyBundle.seal(organization, entries, request.passphrase().toCharArray());
    }
}
