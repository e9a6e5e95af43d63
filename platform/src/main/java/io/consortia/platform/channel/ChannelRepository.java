package io.consortia.platform.channel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ChannelRepository {
    private final JdbcClient jdbc;

    ChannelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long consortiumId, String name, List<Long> organizationIds) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into channels (consortium_id, name, status, created_at) values (?, ?, 'CREATING', ?)")
                .params(consortiumId, name, System.currentTimeMillis()).update(keys, "id");
        long id = keys.getKey().longValue();
        for (long organization : organizationIds) {
            addMember(id, organization);
        }
        return id;
    }

    void addMember(long channelId, long organizationId) {
        jdbc.sql("insert into channel_members (channel_id, organization_id) values (?, ?)")
                .params(channelId, organizationId).update();
    }

    void removeMember(long channelId, long organizationId) {
        jdbc.sql("delete from channel_members where channel_id = ? and organization_id = ?")
                .params(channelId, organizationId).update();
    }

    /** The configuration in force, as last committed by a change the platform made. */
    void config(long id, String configBase64) {
        jdbc.sql("update channels set config_b64 = ? where id = ?").params(configBase64, id).update();
    }

    void status(long id, String status, String reason, String configBase64) {
        jdbc.sql("update channels set status = ?, reason = ?, config_b64 = coalesce(?, config_b64) where id = ?")
                .params(status, reason, configBase64, id).update();
    }

    Optional<ChannelRecord> byName(long consortiumId, String name) {
        return jdbc.sql("select * from channels where consortium_id = ? and name = ?").params(consortiumId, name)
                .query(this::map).optional();
    }

    Optional<ChannelRecord> byId(long id) {
        return jdbc.sql("select * from channels where id = ?").param(id).query(this::map).optional();
    }

    List<ChannelRecord> ofConsortium(long consortiumId) {
        return jdbc.sql("select * from channels where consortium_id = ? order by id").param(consortiumId)
                .query(this::map).list();
    }

    List<ChannelRecord> withStatus(String status) {
        return jdbc.sql("select * from channels where status = ? order by id").param(status).query(this::map).list();
    }

    Optional<String> config(long id) {
        return jdbc.sql("select config_b64 from channels where id = ?").param(id).query(String.class).optional();
    }

    void deleteOfConsortium(long consortiumId) {
        String ids = "(select id from channels where consortium_id = ?)";
        jdbc.sql("delete from transactions where channel_id in " + ids).param(consortiumId).update();
        jdbc.sql("delete from blocks where channel_id in " + ids).param(consortiumId).update();
        jdbc.sql("delete from index_state where channel_id in " + ids).param(consortiumId).update();
        jdbc.sql("delete from channel_votes where proposal_id in (select p.id from channel_proposals p "
                + "where p.consortium_id = ?)").param(consortiumId).update();
        jdbc.sql("delete from channel_proposals where consortium_id = ?").param(consortiumId).update();
        jdbc.sql("delete from channel_members where channel_id in " + ids).param(consortiumId).update();
        jdbc.sql("delete from channels where consortium_id = ?").param(consortiumId).update();
    }

    private ChannelRecord map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<Long> members = jdbc.sql("select organization_id from channel_members where channel_id = ? "
                + "order by organization_id").param(id).query(Long.class).list();
        return new ChannelRecord(id, rs.getLong("consortium_id"), rs.getString("name"), rs.getString("status"),
                rs.getString("reason"), members, rs.getLong("created_at"));
    }
}
