package io.consortia.platform.custody;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The TLS roots a new node (tls-roots.pem) and the platform's clients trust are the current
 * members': an organisation voted out keeps its CA in custody, but not that trust.
 */
class MemberTlsRootsTest {
    private final HikariDataSource pool = OneConnectionDatabase.open();

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void a_removed_member_s_tls_root_is_not_among_the_members_roots() {
        JdbcClient jdbc = JdbcClient.create(pool);
        jdbc.sql("insert into organizations (name, display_name, created_at) values ('org1', 'Org 1', 0), "
                + "('org2', 'Org 2', 0), ('org3', 'Org 3', 0)").update();
        long org1 = id(jdbc, "org1");
        long org2 = id(jdbc, "org2");
        long org3 = id(jdbc, "org3");
        long consortium = OneConnectionDatabase.consortium(jdbc, org1);
        CustodyRepository repository = new CustodyRepository(jdbc);
        for (long org : new long[] {org1, org2, org3}) {
            repository.insertAuthority(consortium, org, "SM2", "root-" + org, "tls-root-" + org);
            jdbc.sql("insert into consortium_members (consortium_id, organization_id, joined_at) values (?, ?, 0)")
                    .params(consortium, org).update();
        }
        jdbc.sql("delete from consortium_members where organization_id = ?").param(org3).update(); // voted out

        assertThat(repository.authority(consortium, org3)).as("custody keeps its CA").isPresent();
        assertThat(repository.tlsRootPems(consortium)).containsExactly("tls-root-" + org1, "tls-root-" + org2);
    }

    private static long id(JdbcClient jdbc, String name) {
        return jdbc.sql("select id from organizations where name = ?").param(name).query(Long.class).single();
    }
}
