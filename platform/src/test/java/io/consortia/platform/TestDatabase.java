package io.consortia.platform;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The database an integration test runs on: an H2 file database in the test's data directory,
 * or a fresh database on the PostgreSQL server named by the system property
 * {@code consortia.test.postgres.url} (user {@code consortia.test.postgres.user}, default
 * postgres; password {@code consortia.test.postgres.password}, default empty). The PostgreSQL
 * variant is skipped when the property is not set.
 */
enum TestDatabase {
    H2, POSTGRES;

    static final String URL_PROPERTY = "consortia.test.postgres.url";

    /** Datasource properties for a new, empty database. */
    Map<String, Object> properties(Path dataDir) {
        if (this == H2) {
            return Map.of("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("db/platform")
                    + ";DB_CLOSE_ON_EXIT=FALSE", // as application.yaml
                    "spring.datasource.username", "sa", "spring.datasource.password", "");
        }
        String server = System.getProperty(URL_PROPERTY, "");
        assumeTrue(!server.isBlank(), "PostgreSQL variant: set -D" + URL_PROPERTY + "=jdbc:postgresql://host:port/db");
        String user = System.getProperty("consortia.test.postgres.user", "postgres");
        String password = System.getProperty("consortia.test.postgres.password", "");
        String database = "consortia_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(server, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + server, e);
        }
        String url = server.substring(0, server.lastIndexOf('/') + 1) + database;
        return Map.of("spring.datasource.url", url, "spring.datasource.username", user,
                "spring.datasource.password", password);
    }
}
