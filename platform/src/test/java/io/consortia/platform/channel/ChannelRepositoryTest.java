package io.consortia.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Channel lookups on the platform's real schema (H2, migrated by Flyway) through a pool of one
 * connection, outside a transaction: a lookup that needs a second connection while it holds the
 * first one fails after the pool's timeout, as concurrent REST calls once starved the platform's pool.
 */
class ChannelRepositoryTest {
    private HikariDataSource pool;
    private ChannelRepository channels;
    private long consortium;
    private long org1;
    private long org2;

    @BeforeEach
    void schema() {
        pool = OneConnectionDatabase.open();
        JdbcClient jdbc = JdbcClient.create(pool);
        jdbc.sql("insert into organizations (name, display_name, created_at) values ('org1', 'Org 1', 0), "
                + "('org2', 'Org 2', 0)").update();
        org1 = jdbc.sql("select id from organizations where name = 'org1'").query(Long.class).single();
        org2 = jdbc.sql("select id from organizations where name = 'org2'").query(Long.class).single();
        consortium = OneConnectionDatabase.consortium(jdbc, org1);
        channels = new ChannelRepository(jdbc);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void a_lookup_needs_one_connection_at_a_time_and_returns_the_members() {
        long main = channels.insert(consortium, "main", List.of(org2, org1));
        long side = channels.insert(consortium, "side", List.of(org2));
        long empty = channels.insert(consortium, "empty", List.of());
        channels.status(main, "ACTIVE", null, null);

        ChannelRecord byName = channels.byName(consortium, "main").orElseThrow();
        assertThat(byName.id()).isEqualTo(main);
        assertThat(byName.status()).isEqualTo("ACTIVE");
        assertThat(byName.organizationIds()).containsExactly(org1, org2);
        assertThat(channels.byId(side).orElseThrow().organizationIds()).containsExactly(org2);
        assertThat(channels.byId(empty).orElseThrow().organizationIds()).isEmpty();
        assertThat(channels.byName(consortium, "none")).isEmpty();
        assertThat(channels.byId(-1)).isEmpty();
        assertThat(channels.ofConsortium(consortium)).extracting(ChannelRecord::name, ChannelRecord::organizationIds)
                .containsExactly(tuple("main", List.of(org1, org2)),
                        tuple("side", List.of(org2)),
                        tuple("empty", List.of()));
        assertThat(channels.withStatus("CREATING")).extracting(ChannelRecord::name).containsExactly("side", "empty");
        assertThat(channels.withStatus("FAILED")).isEmpty();
    }
}
