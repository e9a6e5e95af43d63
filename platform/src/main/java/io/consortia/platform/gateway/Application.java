package io.consortia.platform.gateway;

/** An application of an organisation in a consortium; it signs on chain as {@code identitySubject}. */
public record Application(long id, long organizationId, long consortiumId, String name, String description,
        String identitySubject, String createdBy, long createdAt) {}
