package io.consortia.platform.identity;

/**
 * A stored user. The password hash never leaves the identity package's repository and services.
 * {@code credentialsVersion} moves on with every password change and every disabling, ending older
 * sessions. A user who is not {@code enabled} is kept (certificates, on-chain account, name) but
 * signs in to nothing and is no {@link Caller}.
 */
public record UserAccount(long id, String username, String passwordHash, PlatformRole platformRole,
        Long organizationId, OrganizationRole organizationRole, long createdAt, int credentialsVersion,
        boolean enabled) {

    /** An admin of their organisation who can act as one: enabled. */
    boolean isEnabledAdmin() {
        return enabled && organizationId != null && organizationRole == OrganizationRole.ADMIN;
    }

    /** The user as an authorization subject. */
    public Caller toCaller() {
        return new Caller(id, username, platformRole, organizationId, organizationRole);
    }
}
