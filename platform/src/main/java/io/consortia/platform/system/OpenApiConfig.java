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
                                + "Errors are RFC 9457 problem details."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
