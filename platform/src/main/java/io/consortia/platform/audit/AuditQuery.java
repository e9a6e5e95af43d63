package io.consortia.platform.audit;

import java.time.Instant;

/**
 * Search criteria; null means "any". {@code action} and {@code target} match substrings, case-insensitively.
 *
 * @param beforeSequence paging: only records older than this one
 */
public record AuditQuery(String actor, Long organizationId, String action, String target, Instant from, Instant to,
        Result result, Integer status, Long beforeSequence) {

    /** Succeeded (status below 400) or failed. */
    public enum Result { SUCCESS, FAILURE }

    AuditQuery inOrganization(long organization) {
        return new AuditQuery(actor, organization, action, target, from, to, result, status, beforeSequence);
    }
}
