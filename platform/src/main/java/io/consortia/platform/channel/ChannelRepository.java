package io.consortia.platform.channel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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

    /** Moves the channel from status {@code from} to {@code to}; false when it is not in {@code from}. */
    boolean changeStatus(long id, String from, String to) {
        return jdbc.sql("update channels set status = ?, reason = null where id = ? and status = ?")
                .params(to, id, from).update() == 1;
    }

    /**
     * The newest proposal taking the organisation out of the consortium (its own leave, or a removal
     * by vote) that is APPROVED or APPLYING, if any: its operation read the channels when it started.
     */
    Optional<ChannelProposalRef> departureUnderWay(long consortiumId, long organizationId) {
        return jdbc.sql("select id, kind, status from channel_proposals where consortium_id = ? and organization_id = ? "
                        + "and channel_id is null and kind in ('LEAVE_CONSORTIUM', 'REMOVE_MEMBER') and status in "
                        + "('APPROVED', 'APPLYING') order by id desc")
                .params(consortiumId, organizationId)
                .query((rs, row) -> new ChannelProposalRef(rs.getLong("id"), rs.getString("kind"), rs.getString("status")))
                .list().stream().findFirst();
    }

    /** A proposal by its id, kind and status. */
    record ChannelProposalRef(long id, String kind, String status) {
    }

    Optional<ChannelRecord> byName(long consortiumId, String name) {
        return withMembers(jdbc.sql("select * from channels where consortium_id = ? and name = ?")
                .params(consortiumId, name).query(ChannelRepository::row).list()).stream().findFirst();
    }

    Optional<ChannelRecord> byId(long id) {
        return withMembers(jdbc.sql("select * from channels where id = ?").param(id).query(ChannelRepository::row)
                .list()).stream().findFirst();
    }

    List<ChannelRecord> ofConsortium(long consortiumId) {
        return withMembers(jdbc.sql("select * from channels where consortium_id = ? order by id").param(consortiumId)
                .query(ChannelRepository::row).list());
    }

    List<ChannelRecord> withStatus(String status) {
        return withMembers(jdbc.sql("select * from channels where status = ? order by id").param(status)
                .query(ChannelRepository::row).list());
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

    /**
     * Adds the members once the channels' rows are read. Querying them from the row mapper asked the
     * pool for a second connection while the first one still held the open result set: outside a
     * transaction, as many concurrent lookups as the pool has connections waited for each other
     * until the pool timed out (500s for every caller).
     */
    private List<ChannelRecord> withMembers(List<ChannelRecord> channels) {
        if (channels.isEmpty()) {
            return channels;
        }
        Map<Long, List<Long>> members = jdbc.sql("select channel_id, organization_id from channel_members "
                        + "where channel_id in (:ids) order by organization_id")
                .param("ids", channels.stream().map(ChannelRecord::id).toList())
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}).list().stream()
                .collect(Collectors.groupingBy(m -> m[0], Collectors.mapping(m -> m[1], Collectors.toList())));
        return channels.stream().map(c -> new ChannelRecord(c.id(), c.consortiumId(), c.name(), c.status(), c.reason(),
                members.getOrDefault(c.id(), new ArrayList<>()), c.createdAt()))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** The channel's row; its members are added by {@link #withMembers}. */
    private static ChannelRecord row(ResultSet rs, int row) throws SQLException {
        return new ChannelRecord(rs.getLong("id"), rs.getLong("consortium_id"), rs.getString("name"),
                rs.getString("status"), rs.getString("reason"), List.of(), rs.getLong("created_at"));
    }
}
