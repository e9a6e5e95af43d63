package io.consortia.platform.gateway;

import io.consortia.platform.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

    /** Checked together, so that one answer names every field wrong. */
    record NewApplication(@NotNull(message = "is required") Long consortiumId,
            @NotNull(message = "is required") @Pattern(regexp = ApplicationService.NAME, message = "must be 3-64 of "
                    + "a-z, 0-9, '.', '_', '-' starting with a letter or digit") String name,
            @Size(max = 500, message = "must be at most 500 characters") String description) {}

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

    @Operation(summary = "Register an application of the organisation in a consortium (organisation admins)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Application register(@PathVariable long organizationId, @Valid @RequestBody NewApplication request) {
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
