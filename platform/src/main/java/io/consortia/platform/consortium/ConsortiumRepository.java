package io.consortia.platform.consortium;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ConsortiumRepository {
    private final JdbcClient jdbc;

    ConsortiumRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, SchemeChoice scheme, int nodesPerOrganization, String consensus, String target,
            long leader) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into consortia (name, name_key, signature_scheme, nodes_per_organization, consensus, "
                        + "deployment_target, leader_organization_id, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(name, key(name), scheme.name(), nodesPerOrganization, consensus, target, leader,
                        ConsortiumStatus.CREATED.name(), System.currentTimeMillis())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    static String key(String name) {
        return name.strip().toLowerCase(java.util.Locale.ROOT);
    }

    boolean nameTaken(String name) {
        return jdbc.sql("select count(*) from consortia where name_key = ?").param(key(name)).query(Long.class)
                .single() > 0;
    }

    Optional<Consortium> byId(long id) {
        return jdbc.sql("select * from consortia where id = ?").param(id).query(ConsortiumRepository::map).optional();
    }

    List<Consortium> all() {
        return jdbc.sql("select * from consortia order by id").query(ConsortiumRepository::map).list();
    }

    List<Consortium> ofOrganization(long organizationId) {
        return jdbc.sql("select c.* from consortia c join consortium_members m on m.consortium_id = c.id "
                + "where m.organization_id = ? order by c.id").param(organizationId)
                .query(ConsortiumRepository::map).list();
    }

    void setStatus(long id, ConsortiumStatus status) {
        jdbc.sql("update consortia set status = ? where id = ?").params(status.name(), id).update();
    }

    void addMember(long consortiumId, long organizationId) {
        jdbc.sql("insert into consortium_members (consortium_id, organization_id, joined_at) values (?, ?, ?)")
                .params(consortiumId, organizationId, System.currentTimeMillis()).update();
    }

    List<Long> memberIds(long consortiumId) {
        return jdbc.sql("select organization_id from consortium_members where consortium_id = ? "
                + "order by joined_at, organization_id").param(consortiumId).query(Long.class).list();
    }

    boolean isMember(long consortiumId, long organizationId) {
        return jdbc.sql("select count(*) from consortium_members where consortium_id = ? and organization_id = ?")
                .params(consortiumId, organizationId).query(Long.class).single() > 0;
    }

    void removeMember(long consortiumId, long organizationId) {
        jdbc.sql("delete from consortium_members where consortium_id = ? and organization_id = ?")
                .params(consortiumId, organizationId).update();
    }

    void record(long consortiumId, long organizationId, String event, String actor, String detail) {
        jdbc.sql("insert into membership_events (consortium_id, organization_id, event, actor, at, detail) "
                        + "values (?, ?, ?, ?, ?, ?)")
                .params(consortiumId, organizationId, event, actor, System.currentTimeMillis(),
                        detail == null || detail.length() <= 500 ? detail : detail.substring(0, 497) + "...")
                .update();
    }

    void record(long consortiumId, long organizationId, String event, String actor) {
        record(consortiumId, organizationId, event, actor, null);
    }

    List<MembershipEvent> history(long consortiumId) {
        return jdbc.sql("select e.*, o.name as organization from membership_events e join organizations o "
                        + "on o.id = e.organization_id where e.consortium_id = ? order by e.id")
                .param(consortiumId)
                .query((rs, i) -> new MembershipEvent(rs.getLong("id"), rs.getLong("organization_id"),
                        rs.getString("organization"), rs.getString("event"), rs.getString("actor"), rs.getLong("at"), rs.getString("detail")))
                .list();
    }

    private static Consortium map(ResultSet rs, int row) throws SQLException {
        return new Consortium(rs.getLong("id"), rs.getString("name"), SchemeChoice.valueOf(rs.getString("signature_scheme")),
                rs.getInt("nodes_per_organization"), rs.getString("consensus"), rs.getString("deployment_target"),
                rs.getLong("leader_organization_id"), ConsortiumStatus.valueOf(rs.getString("status")),
                rs.getLong("created_at"));
    }

    /**
     * The consortium, its members, invitations and history (its network, keys and deployments — contract
     * operations among them — are gone).
     */
    void delete(long id) {
        jdbc.sql("delete from contract_proposals where consortium_id = ?").param(id).update();
        jdbc.sql("delete from contract_packages where consortium_id = ?").param(id).update();
        jdbc.sql("delete from invitations where consortium_id = ?").param(id).update();
        jdbc.sql("delete from membership_events where consortium_id = ?").param(id).update();
        jdbc.sql("delete from consortium_members where consortium_id = ?").param(id).update();
        jdbc.sql("delete from node_indexes where consortium_id = ?").param(id).update();
        jdbc.sql("delete from consortia where id = ?").param(id).update();
    }
}
