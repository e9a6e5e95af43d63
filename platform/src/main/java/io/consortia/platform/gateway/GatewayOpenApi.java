package io.consortia.platform.gateway;

import io.consortia.platform.system.OpenApiConfig;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Describes the gateway's request signing in the OpenAPI document: the security scheme its operations name (the
 * {@code Authorization} header) and the two headers every signed request carries, as parameters of each of its
 * operations, so that a generated client sends them. The signature itself is computed over the request
 * (docs/gateway-signing.md), which a document cannot express; the SDK's GatewayClient does it.
 */
final class GatewayOpenApi implements OpenApiCustomizer {
    static final String DATE = "X-Consortia-Date";
    static final String NONCE = "X-Consortia-Nonce";

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents()
                .addSecuritySchemes(OpenApiConfig.GATEWAY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER).name("Authorization")
                        .description("An access key's signature (CONSORTIA-HMAC-SHA256, docs/gateway-signing.md): "
                                + "'Authorization: CONSORTIA-HMAC-SHA256 Credential=<AK>, SignedHeaders=<names>, "
                                + "Signature=<hex>', the hex HMAC-SHA256 under the secret key (SK) of a string to sign "
                                + "made of X-Consortia-Date, X-Consortia-Nonce and the SHA-256 of the canonical request "
                                + "(method, path, sorted query, the signed headers, the body's SHA-256). SignedHeaders "
                                + "must include host, x-consortia-date and x-consortia-nonce, and content-type when "
                                + "there is a body. The SDK (io.consortia.sdk.gateway.GatewayClient) and "
                                + "./consortia gw-curl sign for you."))
                .addParameters(DATE, new HeaderParameter().name(DATE).required(true)
                        .description("The time of signing, UTC, ISO 8601 basic (20261202T180000Z); within 5 minutes "
                                + "of the platform's clock")
                        .schema(new StringSchema().pattern("^[0-9]{8}T[0-9]{6}Z$").example("20261202T180000Z")))
                .addParameters(NONCE, new HeaderParameter().name(NONCE).required(true)
                        .description("16 to 64 characters of A-Z a-z 0-9 - _, never used before with this access key")
                        .schema(new StringSchema().pattern("^[A-Za-z0-9_-]{16,64}$")
                                .example("6f1c2a9e4b7d4e0f8a3c5b2d1e9f7a60")));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(item -> item.readOperations().stream().filter(GatewayOpenApi::signed)
                .forEach(operation -> {
                    operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + DATE));
                    operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + NONCE));
                }));
    }

    private static boolean signed(Operation operation) {
        return operation.getSecurity() != null
                && operation.getSecurity().stream().anyMatch(r -> r.containsKey(OpenApiConfig.GATEWAY_SCHEME));
    }
}
