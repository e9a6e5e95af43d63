/** Client of the platform's application gateway: AK/SK request signing (docs/gateway-signing.md). */
package io.consortia.sdk.gateway;
