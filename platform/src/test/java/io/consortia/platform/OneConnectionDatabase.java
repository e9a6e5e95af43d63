package io.consortia.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform's real schema (H2 in memory, migrated by Flyway) behind a pool of one connection
 * with a 2 s timeout, outside any transaction: code that asks for a second connection while it
 * holds the first fails at once instead of starving a real pool under concurrent calls.
 */
public final class OneConnectionDatabase {
    private OneConnectionDatabase() {}

    public static HikariDataSource open() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").load().migrate(); // Flyway itself takes two connections
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(2_000);
        return new HikariDataSource(config);
    }

    /** An organisation named {@code name}; its id. */
    public static long organization(JdbcClient jdbc, String name) {
        jdbc.sql("insert into organizations (name, display_name, created_at) values (?, ?, 0)")
                .params(name, "Organisation " + name).update();
        return jdbc.sql("select id from organizations where name = ?").param(name).query(Long.class).single();
    }

    /** A RUNNING local consortium led by {@code leader}; its id. */
    public static long consortium(JdbcClient jdbc, long leader) {
        jdbc.sql("insert into consortia (name, name_key, signature_scheme, nodes_per_organization, consensus, "
                + "deployment_target, leader_organization_id, status, created_at) values ('c', 'c', 'ECDSA_P256', 1, "
                + "'RAFT', 'LOCAL', ?, 'RUNNING', 0)").param(leader).update();
        return jdbc.sql("select id from consortia where name = 'c'").query(Long.class).single();
    }
}
