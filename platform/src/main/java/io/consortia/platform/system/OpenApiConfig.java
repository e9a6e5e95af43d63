package io.consortia.platform.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /v3/api-docs} and browsable at {@code /swagger-ui}. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
    /** The security scheme of the REST API: a bearer token from POST /api/v1/auth/login. */
    public static final String BEARER_SCHEME = "bearer";
    /**
     * The security scheme of the application gateway's signed requests (AK/SK), named by the gateway's controllers
     * in place of the bearer token; the gateway describes it.
     */
    public static final String GATEWAY_SCHEME = "gateway-signature";

    @Bean
    OpenAPI consortiaOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Consortia platform API").version("v1")
                        .description("Organisations, consortia, channels, deployments, explorer and contract calls. "
                                + "Sign in with POST /api/v1/auth/login and send the token as 'Authorization: Bearer <token>'. "
                                + "Errors are RFC 9457 problem details (application/problem+json, schema Problem): "
                                + "each operation lists the ones it can answer, and some are answered before an "
                                + "endpoint runs (unknown path 404; a path with %2F, %00, '..' or "
                                + "';', or a request line or headers beyond the server's limit 400; wrong method 405; "
                                + "a body over the size limit 413; no free database connection 503). "
                                + "Identical creations at once give one 201 and 409 problems for the others. "
                                + "Whole-number fields take JSON whole numbers only: 1.5 and \"12\" are refused. "
                                + "Failed sign-ins are throttled (429 with Retry-After). The application gateway "
                                + "(/gateway/v1) takes requests signed with an access key instead (scheme "
                                + GATEWAY_SCHEME + ", docs/gateway-signing.md)."))
                .components(new Components().addSecuritySchemes(BEARER_SCHEME,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("The token POST /api/v1/auth/login answers, as 'Authorization: Bearer "
                                        + "<token>'; it ends with POST /api/v1/auth/logout, its expiry or a password "
                                        + "change")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return new ProblemResponses();
    }
}
