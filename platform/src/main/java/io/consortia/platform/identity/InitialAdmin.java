package io.consortia.platform.identity;

import io.consortia.platform.system.PlatformProperties;
import java.security.SecureRandom;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start (no users yet) creates the platform admin {@code admin}. Its password is
 * {@code consortia.initial-admin-password} when set, otherwise random and printed once to the
 * console, never to the log. Also prints where the console and API are.
 */
@Component
class InitialAdmin implements ApplicationRunner {
    static final String USERNAME = "admin";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final PlatformProperties properties;
    private final Environment environment;

    InitialAdmin(UserRepository users, PasswordEncoder passwords, PlatformProperties properties,
            Environment environment) {
        this.users = users;
        this.passwords = passwords;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        String url = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        StringBuilder banner = new StringBuilder("\n  Consortia platform is running\n")
                .append("  Console:            ").append(url).append("\n")
                .append("  API docs:           ").append(url).append("/swagger-ui\n")
                .append("  OpenAPI:            ").append(url).append("/v3/api-docs\n");
        if (users.count() == 0) {
            boolean configured = !properties.initialAdminPassword().isBlank();
            String password = configured ? properties.initialAdminPassword() : randomPassword();
            users.insert(USERNAME, passwords.encode(password), PlatformRole.ADMIN, null, null,
                    System.currentTimeMillis());
            banner.append("  Platform admin:     ").append(USERNAME).append('\n');
            banner.append(configured
                    ? "  Password:           (from consortia.initial-admin-password)\n"
                    : "  Password:           " + password + "   <- shown only this once; change it (console: My account, under your name)\n");
        }
        System.out.println(banner);
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
