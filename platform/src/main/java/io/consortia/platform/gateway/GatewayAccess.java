package io.consortia.platform.gateway;

import jakarta.servlet.http.HttpServletRequest;

/**
 * For gateway routes outside this package (e.g. event subscriptions): the access key that signed
 * the request, as {@link GatewayFilter} verified it.
 */
public final class GatewayAccess {
    private GatewayAccess() {}

    /** The verified key; refused as unsigned when the filter did not verify the request. */
    public static AccessKey key(HttpServletRequest request) {
        if (request.getAttribute(GatewayFilter.KEY) instanceof AccessKey key) {
            return key;
        }
        throw GatewayRefusal.unsigned("The request was not verified");
    }

    /** Refused as out of the key's scope (403, gateway-out-of-scope). */
    public static RuntimeException outOfScope(String detail) {
        return GatewayRefusal.outOfScope(detail);
    }
}
