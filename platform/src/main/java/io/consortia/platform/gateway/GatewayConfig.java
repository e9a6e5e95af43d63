package io.consortia.platform.gateway;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signature check on {@code /gateway/v1/*}, after the request-size limit and Spring Security. */
@Configuration(proxyBeanMethods = false)
class GatewayConfig {
    @Bean
    FilterRegistrationBean<GatewayFilter> gatewayFilter(RequestVerifier verifier, GatewayRepository repository) {
        FilterRegistrationBean<GatewayFilter> registration = new FilterRegistrationBean<>(
                new GatewayFilter(verifier, repository));
        registration.addUrlPatterns("/gateway/v1/*");
        registration.setOrder(0);
        return registration;
    }

    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer gatewayOpenApi() {
        return new GatewayOpenApi();
    }
}
