package io.consortia.platform.identity;

/** A user as the API shows it: never the password hash. {@code enabled} false: they cannot sign in. */
public record UserView(long id, String username, PlatformRole platformRole, Long organizationId,
        OrganizationRole organizationRole, boolean enabled) {

    static UserView of(UserAccount user) {
        return new UserView(user.id(), user.username(), user.platformRole(), user.organizationId(),
                user.organizationRole(), user.enabled());
    }
}
