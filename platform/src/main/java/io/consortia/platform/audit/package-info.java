/**
 * Audit trail (审计): every change made through the REST API and every gateway call is recorded
 * (who, organisation, what, target, when, from where, result) in a hash chain that a verify walk
 * checks record by record; the chain's head is notarized on a channel the operator chooses.
 * Auditors and platform admins search and export everything, organisation admins their
 * organisation's part. Other features record through {@link io.consortia.platform.audit.AuditTrail}.
 */
package io.consortia.platform.audit;
