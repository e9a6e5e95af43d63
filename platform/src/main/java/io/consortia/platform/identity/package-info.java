/**
 * People and their rights: users with Argon2-hashed passwords, sign-in by browser session or
 * bearer token, the first-start platform admin, and the roles every endpoint checks
 * ({@link io.consortia.platform.identity.Caller}): platform admin, auditor (reads everything,
 * changes nothing), organisation admin and member.
 */
package io.consortia.platform.identity;
