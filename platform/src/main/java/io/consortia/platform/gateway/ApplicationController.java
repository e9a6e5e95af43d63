package io.consortia.platform.gateway;

import io.consortia.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Organisation admins register and delete applications and issue, revoke and delete their access keys. */
@RestController
@RequestMapping("/api/v1/organizations/{organizationId}/applications")
@Tag(name = "Applications and access keys")
class ApplicationController {
    private final ApplicationService applications;
    private final ApplicationDeletions deletions;
    private final CurrentUser currentUser;

    ApplicationController(ApplicationService applications, ApplicationDeletions deletions, CurrentUser currentUser) {
        this.applications = applications;
        this.deletions = deletions;
        this.currentUser = currentUser;
    }

    /**
     * Checked by {@link ApplicationService#register} alone, every field at once, once the caller may
     * see the consortium named: bean validation here would answer 400 about the other fields before
     * the consortium's 404.
     */
    record NewApplication(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Long consortiumId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = ApplicationService.NAME) String name,
            @Schema(maxLength = 500) String description) {}

    /**
     * Checked by {@link ApplicationService#issue} alone, every field at once: bean validation here would
     * answer first with its own fields and hide the rest (a wrong entry, a channel, the rate).
     */
    record NewKey(List<String> channels, List<String> contracts, List<String> functions, Integer rateLimitPerSecond,
            Integer validDays) {}

    /** A key as listed: never its secret. */
    record KeyView(String accessKeyId, String status, List<String> channels, List<String> contracts,
            List<String> functions, int rateLimitPerSecond, long expiresAt, Long revokedAt, String revokedBy,
            String createdBy, long createdAt, Long lastUsedAt) {
        static KeyView of(AccessKey key) {
            return new KeyView(key.accessKeyId(), key.status(System.currentTimeMillis()), key.channels(),
                    key.contracts(), key.functions(), key.rateLimitPerSecond(), key.expiresAt(), key.revokedAt(),
                    key.revokedBy(), key.createdBy(), key.createdAt(), key.lastUsedAt());
        }
    }

    /** The answer to issuing a key: the one time the secret is shown. */
    record IssuedKeyView(KeyView key, String secretKey, String notice) {}

    @Operation(summary = "Register an application of the organisation in a consortium (organisation admins)",
            description = "A consortium the caller may not see (one their organisation is not in, or none) is 404 "
                    + "whatever the body's other fields say; then every wrong field is named in one 400.")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Application register(@PathVariable long organizationId, @RequestBody NewApplication request) {
        return applications.register(currentUser.get(), organizationId, request.consortiumId(), request.name(),
                request.description());
    }

    @Operation(summary = "The organisation's applications")
    @GetMapping
    List<Application> list(@PathVariable long organizationId) {
        return applications.applications(currentUser.get(), organizationId);
    }

    @Operation(summary = "Issue an access key (AK/SK); the secret key is in this answer only")
    @PostMapping("/{applicationId}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedKeyView issue(@PathVariable long organizationId, @PathVariable long applicationId,
            @RequestBody NewKey request) {
        ApplicationService.IssuedKey issued = applications.issue(currentUser.get(), organizationId, applicationId,
                request.channels(), request.contracts(), request.functions(), request.rateLimitPerSecond(),
                request.validDays());
        return new IssuedKeyView(KeyView.of(issued.key()), issued.secretKey(),
                "Store the secret key now: it is kept only encrypted and is never shown again");
    }

    @Operation(summary = "The application's access keys (without secrets)")
    @GetMapping("/{applicationId}/keys")
    List<KeyView> keys(@PathVariable long organizationId, @PathVariable long applicationId) {
        return applications.keys(currentUser.get(), organizationId, applicationId).stream().map(KeyView::of).toList();
    }

    @Operation(summary = "Revoke an access key; requests signed with it are refused from now on")
    @PostMapping("/{applicationId}/keys/{accessKeyId}/revoke")
    KeyView revoke(@PathVariable long organizationId, @PathVariable long applicationId,
            @PathVariable String accessKeyId) {
        return KeyView.of(applications.revoke(currentUser.get(), organizationId, applicationId, accessKeyId));
    }

    @Operation(summary = "Delete an access key; requests signed with it are refused as with an unknown key")
    @DeleteMapping("/{applicationId}/keys/{accessKeyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteKey(@PathVariable long organizationId, @PathVariable long applicationId,
            @PathVariable String accessKeyId) {
        applications.deleteKey(currentUser.get(), organizationId, applicationId, accessKeyId);
    }

    @Operation(summary = "Delete an application with its access keys and event subscriptions, and revoke its "
            + "certificate (put on chain by the operation revocationOperationId; warning when it could not start); "
            + "its name stays taken")
    @DeleteMapping("/{applicationId}")
    ApplicationDeletions.Deletion delete(@PathVariable long organizationId, @PathVariable long applicationId) {
        return deletions.delete(currentUser.get(), organizationId, applicationId);
    }
}
