package io.consortia.platform.organization;

import io.consortia.platform.identity.Caller;
import java.time.Instant;
import java.util.List;

/**
 * The certificates an organisation holds in custody, one per consortium it belongs to, as its
 * page lists them. Keys are custody's and consortia name them, both features above this one, so
 * the organisation feature owns the question and the consortium feature answers it.
 */
public interface OrganizationCertificates {

    /** The organisation's certificates, for a caller {@link OrganizationPolicy#canReadPrivate} allows (403 otherwise). */
    List<Certificate> of(Caller caller, long organizationId);

    /** A certificate as the page shows it; {@code expiresSoon} within 30 days. */
    record Certificate(String consortium, String purpose, String subject, Instant notAfter, boolean expiresSoon) {}
}
