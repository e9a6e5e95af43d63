package io.consortia.platform.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A user to create. Either {@code platformRole} (platform admin or auditor) or
 * {@code organizationId} with {@code organizationRole}.
 */
public record NewUser(
        @NotBlank @Pattern(regexp = UserService.USERNAME, message = UserService.USERNAME_RULE) String username,
        @NotBlank @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String password,
        PlatformRole platformRole,
        Long organizationId,
        OrganizationRole organizationRole) {

    @Override
    public String toString() {
        return "NewUser[" + username + "]";
    }
}
