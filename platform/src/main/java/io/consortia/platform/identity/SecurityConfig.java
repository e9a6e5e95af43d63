package io.consortia.platform.identity;

import io.consortia.platform.system.Problems;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Who may call what, at the HTTP level: documentation, health and sign-in are open; every
 * other request needs a session or a bearer token; auditors may only read (any non-GET is 403), except reviewing a contract version.
 * Finer rules (whose organisation, which consortium) are checked by each feature's service.
 * Browser sessions are protected against CSRF (cookie {@code XSRF-TOKEN}, header
 * {@code X-XSRF-TOKEN}); bearer-token requests carry no ambient credentials and need no token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /** Sign-in is ours (sessions and bearer tokens); this only keeps Boot from creating a default user. */
    @Bean
    UserDetailsService noUserDetails() {
        return username -> {
            throw new UsernameNotFoundException("Sign in with POST /api/v1/auth/login");
        };
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new SessionContexts();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, TokenService tokens, UserRepository users,
            SecurityContextRepository contexts, MetricsAccessProperties metrics) throws Exception {
        http
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SecurityConfig::isSessionWrite))
                .securityContext(context -> context.securityContextRepository(contexts))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                // sessions are rows in the database: a signed-out visit to a console page must not store one (the
                // request Spring would save for after the sign-in, which the console never goes back to)
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .addFilterAfter(new StaleSessionFilter(users), SecurityContextHolderFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens, users), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new MetricsAccessFilter(metrics), BearerTokenFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            if (isConsolePage(request)) {
                                response.sendRedirect("/login");
                                return;
                            }
                            Problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                                    "Sign in (POST /api/v1/auth/login) and send 'Authorization: Bearer <token>'");
                        })
                        .accessDeniedHandler((request, response, e) -> Problems.write(request, response,
                                HttpStatus.FORBIDDEN, "forbidden", isAuditor(request)
                                        ? "Auditors have read-only access"
                                        : "Access denied (for a browser session, send the X-XSRF-TOKEN header)")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/error", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui", "/swagger-ui/**",
                                "/swagger-ui.html", "/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/", "/login", "/console/assets/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/login").permitAll()
                        // signed with an access key instead, and checked by the gateway's own filter
                        .requestMatchers("/gateway/v1/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/logout").authenticated()
                        .requestMatchers(HttpMethod.PUT, "/api/v1/me/password").authenticated()
                        // an auditor's one write: reviewing a contract version (ContractPolicy.canReview decides)
                        .requestMatchers(HttpMethod.POST, "/api/v1/consortia/*/contract-packages/*/review").authenticated()
                        .requestMatchers("/api/**").access((authentication, request) ->
                                new AuthorizationDecision(isWriter(authentication.get())))
                        .anyRequest().authenticated());
        return http.build();
    }

    /** Console pages (not the API) send a browser that is not signed in to the sign-in page. */
    private static boolean isConsolePage(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/console") && "GET".equals(request.getMethod());
    }

    private static boolean isWriter(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof CurrentUser.SignedIn
                && authentication.getAuthorities().stream().noneMatch(a -> Authorities.AUDITOR.equals(a.getAuthority()));
    }

    private static boolean isAuditor(HttpServletRequest request) {
        return request.isUserInRole("AUDITOR");
    }

    /**
     * CSRF applies to state-changing requests that ride on a session cookie, not to bearer tokens.
     * Only a {@code Bearer} header exempts a request: {@link BearerTokenFilter} then authenticates
     * it by the token or refuses it, so the cookie plays no part. Any other Authorization header
     * ({@code Basic x}) is ignored by the platform and leaves the cookie in charge, so the token
     * is still required.
     */
    private static boolean isSessionWrite(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod()) || BearerTokenFilter.carriesBearerToken(request)) {
            return false;
        }
        if ("/api/v1/auth/login".equals(request.getRequestURI()) || request.getRequestURI().startsWith("/gateway/v1/")) {
            return false;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie cookie : cookies) {
            if ("JSESSIONID".equals(cookie.getName())) {
                return true;
            }
        }
        return false;
    }

}
