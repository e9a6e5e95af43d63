package io.consortia.platform.audit;

import io.consortia.platform.identity.CurrentUser;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the audit filter outside every other filter (so refusals are recorded) and its interceptor inside. */
@Configuration(proxyBeanMethods = false)
class AuditWebConfig implements WebMvcConfigurer {
    private final AuditCallerInterceptor callers;
    private final AuditRoutes routes;

    AuditWebConfig(CurrentUser currentUser, BeanFactory beans) {
        this.callers = new AuditCallerInterceptor(currentUser);
        // the controllers' mapping by its name: the actuator's endpoint mappings are of the same type
        this.routes = new AuditRoutes(() -> beans.getBean("requestMappingHandlerMapping", HandlerMapping.class));
    }

    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditTrail trail) {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(
                new AuditFilter(trail, callers, routes));
        // first of all, so that what any filter refuses is recorded too (an oversized body's 413)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/api/*", "/gateway/*");
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(callers).addPathPatterns("/api/**", "/gateway/**");
    }
}
