package io.consortia.platform.identity;

/**
 * Published in the transaction that removes a user, so that features holding something of
 * theirs (custody: their certificates) retire it in the same transaction.
 *
 * @param organizationId the organisation the user belonged to; null for a platform user
 */
public record UserRemoved(Caller removedBy, long userId, String username, Long organizationId) {}
