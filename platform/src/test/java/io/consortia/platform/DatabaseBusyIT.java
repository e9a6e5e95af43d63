package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A request that finds no free database connection (real overload: the test holds every connection of
 * a small pool) is told so: 503 with Retry-After, as a problem, whether a filter (the bearer token's
 * check) or a controller (sign-in) needed the connection. Not a 500 "unexpected error".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseBusyIT {
    private static final int POOL = 2; // Flyway takes two connections at start-up
    private PlatformRunner platform;
    private Api admin;

    @BeforeAll
    void setUp() {
        platform = new PlatformRunner(TestDatabase.H2)
                .with("spring.datasource.hikari.maximum-pool-size", POOL)
                .with("spring.datasource.hikari.connection-timeout", 1000)
                .start();
        admin = platform.admin();
    }

    @AfterAll
    void tearDown() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void a_request_that_finds_no_free_connection_gets_503_with_retry_after() throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            DataSource pool = platform.bean(DataSource.class);
            for (int i = 0; i < POOL; i++) {
                held.add(pool.getConnection());
            }
            assertBusy(admin.get("/api/v1/consortia"));
            assertBusy(platform.api().post("/api/v1/auth/login",
                    Json.of("username", "admin", "password", PlatformRunner.ADMIN_PASSWORD)));
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(admin.get("/api/v1/consortia").status()).isEqualTo(200);
    }

    private static void assertBusy(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:consortia:problem:database-unavailable");
        assertThat(response.json().get("detail").asText()).contains("try again");
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
    }
}
