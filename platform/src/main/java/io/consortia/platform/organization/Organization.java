package io.consortia.platform.organization;

/**
 * An organisation. {@code name} is its identity on chain (the O= of its certificates), so it is
 * short and fixed: 2-40 of a-z, 0-9 and '-'.
 */
public record Organization(long id, String name, String displayName, long createdAt) {}
