/**
 * The application gateway: applications of an organisation, their access keys (AK/SK, sealed
 * under the master key), the request signature check (docs/gateway-signing.md) and
 * {@code /gateway/v1}, where applications submit and read as their own custodial identity.
 */
package io.consortia.platform.gateway;
