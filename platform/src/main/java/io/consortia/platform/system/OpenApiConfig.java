package io.consortia.platform.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /v3/api-docs} and browsable at {@code /swagger-ui}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI consortiaOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Consortia platform API").version("v1")
                        .description("Organisations, consortia, channels, deployments, explorer and contract calls. "
                                + "Sign in with POST /api/v1/auth/login and send the token as 'Authorization: Bearer <token>'. "
                                + "Errors are RFC 9457 problem details (application/problem+json), also those "
                                + "answered before an endpoint runs (unknown path 404; a path with %2F, %00, '..' or "
                                + "';', or a request line or headers beyond the server's limit 400; wrong method 405). "
                                + "Identical creations at once give one 201 and 409 problems for the others. "
                                + "Whole-number fields take JSON whole numbers only: 1.5 and \"12\" are refused. "
                                + "Failed sign-ins are throttled (429 with Retry-After)."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
