/**
 * Consortia (联盟): created by an organisation admin, whose organisation leads it (盟主); the
 * leader invites organisations, their admins accept or decline, and every membership change is
 * recorded. Joining a consortium gives the organisation a CA in the consortium's signature
 * scheme (custody).
 */
package io.consortia.platform.consortium;
