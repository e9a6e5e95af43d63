package io.consortia.platform.consortium;

/**
 * An organisation accepted an invitation and is a member now; published after its CA and admin
 * identity are in custody, so that a running network can deploy its nodes once the transaction
 * commits.
 */
public record MemberJoined(long consortiumId, long organizationId, String actor) {}
