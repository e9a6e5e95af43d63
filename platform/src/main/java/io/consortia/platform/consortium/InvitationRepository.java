package io.consortia.platform.consortium;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Invitations, read as of now: a PENDING row older than the validity reads as EXPIRED, and every
 * change that needs a pending invitation requires it unexpired in the same statement, so an answer
 * at the last moment cannot slip past the expiry.
 */
@Repository
class InvitationRepository {
    private static final String SELECT = "select i.*, c.name as consortium_name from invitations i "
            + "join consortia c on c.id = i.consortium_id ";
    private final JdbcClient jdbc;
    private final long validityMillis;
    private final Clock clock;

    @Autowired
    InvitationRepository(JdbcClient jdbc, InvitationProperties properties) {
        this(jdbc, properties.validity(), Clock.systemUTC());
    }

    InvitationRepository(JdbcClient jdbc, Duration validity, Clock clock) {
        this.jdbc = jdbc;
        this.validityMillis = validity.toMillis();
        this.clock = clock;
    }

    long insert(long consortiumId, long organizationId, String invitedBy) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into invitations (consortium_id, organization_id, status, invited_by, created_at) "
                        + "values (?, ?, 'PENDING', ?, ?)")
                .params(consortiumId, organizationId, invitedBy, clock.millis()).update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Invitation> byId(long id) {
        return jdbc.sql(SELECT + "where i.id = ?").param(id).query(this::map).optional();
    }

    /** Whether the organisation has an invitation it can still answer (withdrawn and expired ones do not count). */
    boolean hasPending(long consortiumId, long organizationId) {
        return jdbc.sql("select count(*) from invitations where consortium_id = ? and organization_id = ? "
                        + "and status = 'PENDING' and created_at > ?")
                .params(consortiumId, organizationId, sentAfter()).query(Long.class).single() > 0;
    }

    List<Invitation> ofConsortium(long consortiumId) {
        return jdbc.sql(SELECT + "where i.consortium_id = ? order by i.id").param(consortiumId)
                .query(this::map).list();
    }

    List<Invitation> ofOrganization(long organizationId) {
        return jdbc.sql(SELECT + "where i.organization_id = ? order by i.id").param(organizationId)
                .query(this::map).list();
    }

    /** Moves a PENDING, unexpired invitation to its decision; false when it was decided or expired meanwhile. */
    boolean decide(long id, String status, String decidedBy) {
        return jdbc.sql("update invitations set status = ?, decided_by = ?, decided_at = ? "
                        + "where id = ? and status = 'PENDING' and created_at > ?")
                .params(status, decidedBy, clock.millis(), id, sentAfter()).update() == 1;
    }

    /** Invitations sent at or before this instant have expired. */
    private long sentAfter() {
        return clock.millis() - validityMillis;
    }

    private Invitation map(ResultSet rs, int row) throws SQLException {
        long decidedAt = rs.getLong("decided_at");
        Long decided = rs.wasNull() ? null : decidedAt;
        long createdAt = rs.getLong("created_at");
        String status = rs.getString("status");
        if (Invitation.PENDING.equals(status) && createdAt <= sentAfter()) {
            status = Invitation.EXPIRED;
        }
        return new Invitation(rs.getLong("id"), rs.getLong("consortium_id"), rs.getString("consortium_name"),
                rs.getLong("organization_id"), status, rs.getString("invited_by"), createdAt,
                rs.getString("decided_by"), decided, createdAt + validityMillis);
    }
}
