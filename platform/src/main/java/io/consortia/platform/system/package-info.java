/**
 * Cross-cutting pieces: typed configuration ({@link io.consortia.platform.system.PlatformProperties}),
 * the exception hierarchy rooted at {@link io.consortia.platform.system.PlatformException} and its
 * mapping to RFC 9457 problem responses, request size limits, OpenAPI description.
 */
package io.consortia.platform.system;
