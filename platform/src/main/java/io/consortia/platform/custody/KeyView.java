package io.consortia.platform.custody;

/** A key in custody as the API shows it: the certificate, never the private key. */
public record KeyView(long id, long consortiumId, long organizationId, KeyPurpose purpose, String subject,
        String certificatePem, long createdAt) {}
