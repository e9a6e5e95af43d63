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
class InvitationRepository {
    private static final String SELECT = "select i.*, c.name as consortium_name from invitations i "
            + "join consortia c on c.id = i.consortium_id ";
    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long consortiumId, long organizationId, String invitedBy) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into invitations (consortium_id, organization_id, status, invited_by, created_at) "
                        + "values (?, ?, 'PENDING', ?, ?)")
                .params(consortiumId, organizationId, invitedBy, System.currentTimeMillis()).update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Invitation> byId(long id) {
        return jdbc.sql(SELECT + "where i.id = ?").param(id).query(InvitationRepository::map).optional();
    }

    boolean hasPending(long consortiumId, long organizationId) {
        return jdbc.sql("select count(*) from invitations where consortium_id = ? and organization_id = ? "
                + "and status = 'PENDING'").params(consortiumId, organizationId).query(Long.class).single() > 0;
    }

    List<Invitation> ofConsortium(long consortiumId) {
        return jdbc.sql(SELECT + "where i.consortium_id = ? order by i.id").param(consortiumId)
                .query(InvitationRepository::map).list();
    }

    List<Invitation> ofOrganization(long organizationId) {
        return jdbc.sql(SELECT + "where i.organization_id = ? order by i.id").param(organizationId)
                .query(InvitationRepository::map).list();
    }

    /** Moves a PENDING invitation to its decision; false when it was decided meanwhile. */
    boolean decide(long id, String status, String decidedBy) {
        return jdbc.sql("update invitations set status = ?, decided_by = ?, decided_at = ? "
                        + "where id = ? and status = 'PENDING'")
                .params(status, decidedBy, System.currentTimeMillis(), id).update() == 1;
    }

    private static Invitation map(ResultSet rs, int row) throws SQLException {
        long decidedAt = rs.getLong("decided_at");
        Long decided = rs.wasNull() ? null : decidedAt;
        return new Invitation(rs.getLong("id"), rs.getLong("consortium_id"), rs.getString("consortium_name"),
                rs.getLong("organization_id"), rs.getString("status"), rs.getString("invited_by"),
                rs.getLong("created_at"), rs.getString("decided_by"), decided);
    }
}
