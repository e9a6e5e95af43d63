package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Node ids on the platform's real schema (H2, migrated by Flyway): an id, once a node's, is never another's. */
class NodeRepositoryTest {
    private HikariDataSource pool;
    private NodeRepository nodes;
    private long consortium;
    private long org1;
    private long org2;

    @BeforeEach
    void schema() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").load().migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setMaximumPoolSize(1);
        pool = new HikariDataSource(config);
        JdbcClient jdbc = JdbcClient.create(pool);
        jdbc.sql("insert into organizations (name, display_name, created_at) values ('org1', 'Org 1', 0)").update();
        jdbc.sql("insert into organizations (name, display_name, created_at) values ('org2', 'Org 2', 0)").update();
        org1 = jdbc.sql("select id from organizations where name = 'org1'").query(Long.class).single();
        org2 = jdbc.sql("select id from organizations where name = 'org2'").query(Long.class).single();
        jdbc.sql("insert into consortia (name, name_key, signature_scheme, nodes_per_organization, consensus, "
                + "deployment_target, leader_organization_id, status, created_at) values ('c', 'c', 'ECDSA_P256', 1, "
                + "'RAFT', 'LOCAL', ?, 'RUNNING', 0)").param(org1).update();
        consortium = jdbc.sql("select id from consortia").query(Long.class).single();
        nodes = new NodeRepository(jdbc);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private long add(long organization, String name) {
        int index = nodes.nextIndex(consortium, organization);
        return nodes.insert("c" + consortium + "-" + name + "-" + index, consortium, organization,
                new NodePlacement("127.0.0.1", 32000 + index, 33000 + index, 34000 + index, "/tmp/" + index));
    }

    @Test
    void the_first_nodes_count_from_zero_per_organisation() {
        assertThat(nodes.nextIndex(consortium, org1)).isZero();
        add(org1, "org1");
        add(org1, "org1");
        assertThat(nodes.nextIndex(consortium, org1)).isEqualTo(2);
        assertThat(nodes.nextIndex(consortium, org2)).isZero();
    }

    @Test
    void a_deleted_node_s_id_is_never_given_to_a_new_node() {
        add(org1, "org1");
        long second = add(org1, "org1");
        nodes.delete(second);
        assertThat(nodes.nextIndex(consortium, org1)).as("c-org1-1 was deleted, it stays taken").isEqualTo(2);
        long third = add(org1, "org1");
        assertThat(nodes.get(third).nodeId()).isEqualTo("c" + consortium + "-org1-2");

        nodes.ofOrganization(consortium, org1).forEach(n -> nodes.delete(n.id()));
        assertThat(nodes.ofOrganization(consortium, org1)).isEmpty();
        assertThat(nodes.nextIndex(consortium, org1)).as("every node deleted, none of their ids comes back")
                .isEqualTo(3);
    }

    @Test
    void the_tester_s_case_one_node_deleted_and_one_added() {
        long only = add(org2, "org2");
        nodes.delete(only);
        add(org2, "org2");
        assertThat(nodes.ofOrganization(consortium, org2)).extracting(NodeRecord::nodeId)
                .containsExactly("c" + consortium + "-org2-1");
    }
}
