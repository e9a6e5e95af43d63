/**
 * The Consortia platform (Spring Boot), packaged by feature: {@code identity} (users, sign-in,
 * roles), {@code organization}, {@code consortium} (consortia, invitations, membership history),
 * {@code custody} (CAs and private keys encrypted at rest), {@code deploy} (deployer SPI, the
 * {@code local} deployer, supervision), {@code channel}, {@code explorer} (block index, search,
 * proofs), {@code contract} (built-in contract calls for people) and {@code system}
 * (configuration, errors, security, OpenAPI).
 */
package io.consortia.platform;
