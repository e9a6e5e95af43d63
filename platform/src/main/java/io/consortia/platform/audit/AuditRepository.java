package io.consortia.platform.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AuditRepository {
    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AuditRecord> head() {
        return jdbc.sql("select * from audit_records where sequence = (select max(sequence) from audit_records)")
                .query(AuditRepository::map).optional();
    }

    Optional<AuditRecord> bySequence(long sequence) {
        return jdbc.sql("select * from audit_records where sequence = ?").param(sequence)
                .query(AuditRepository::map).optional();
    }

    void insert(AuditRecord r) {
        jdbc.sql("insert into audit_records (sequence, recorded_at, actor_kind, actor, organization_id, action, target, "
                        + "source_address, status, details, previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.sequence(), r.recordedAt(), r.actorKind(), r.actor(), r.organizationId(), r.action(),
                        r.target(), r.sourceAddress(), r.status(), r.details(), r.previousHash(), r.hash())
                .update();
    }

    /** Records after {@code afterSequence}, oldest first, at most {@code limit}: the verify walk's pages. */
    List<AuditRecord> page(long afterSequence, int limit) {
        return jdbc.sql("select * from audit_records where sequence > ? order by sequence fetch first " + limit
                + " rows only").param(afterSequence).query(AuditRepository::map).list();
    }

    /** Matching records, newest first. */
    List<AuditRecord> search(AuditQuery query, int limit) {
        StringBuilder sql = new StringBuilder("select * from audit_records where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.actor() != null) {
            sql.append(" and actor = ?");
            params.add(query.actor());
        }
        if (query.organizationId() != null) {
            sql.append(" and organization_id = ?");
            params.add(query.organizationId());
        }
        if (query.action() != null) {
            sql.append(" and lower(action) like ? escape '\\'");
            params.add("%" + like(query.action()) + "%");
        }
        if (query.target() != null) {
            sql.append(" and lower(target) like ? escape '\\'");
            params.add("%" + like(query.target()) + "%");
        }
        if (query.from() != null) {
            sql.append(" and recorded_at >= ?");
            params.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            sql.append(" and recorded_at < ?");
            params.add(query.to().toEpochMilli());
        }
        if (query.result() != null) {
            sql.append(query.result() == AuditQuery.Result.SUCCESS ? " and status < 400" : " and status >= 400");
        }
        if (query.status() != null) {
            sql.append(" and status = ?");
            params.add(query.status());
        }
        if (query.beforeSequence() != null) {
            sql.append(" and sequence < ?");
            params.add(query.beforeSequence());
        }
        sql.append(" order by sequence desc");
        // a portable row limit: FETCH FIRST is standard SQL, understood by H2 and PostgreSQL
        sql.append(" fetch first ").append(limit).append(" rows only");
        return jdbc.sql(sql.toString()).params(params).query(AuditRepository::map).list();
    }

    long insertAnchor(long sequence, String headHash, long consortiumId, String channel, String transactionId,
            Long blockNumber, String status, String reason) {
        org.springframework.jdbc.support.KeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into audit_anchors (sequence, head_hash, consortium_id, channel, transaction_id, block_number, "
                        + "status, reason, anchored_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(sequence, headHash, consortiumId, channel, transactionId, blockNumber, status,
                        reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000),
                        System.currentTimeMillis())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    List<AuditAnchor> anchors(int limit) {
        return jdbc.sql("select * from audit_anchors order by id desc fetch first " + limit + " rows only")
                .query(AuditRepository::mapAnchor).list();
    }

    /** The successful notarization of the highest record, the newest if several. */
    Optional<AuditAnchor> lastAnchored() {
        return jdbc.sql("select * from audit_anchors where status = 'ANCHORED' order by sequence desc, id desc "
                + "fetch first 1 rows only").query(AuditRepository::mapAnchor).optional();
    }

    /** The successful notarization of this head on this channel, the first if several. */
    Optional<AuditAnchor> anchored(long sequence, String headHash, long consortiumId, String channel) {
        return jdbc.sql("select * from audit_anchors where status = 'ANCHORED' and sequence = ? and head_hash = ? "
                        + "and consortium_id = ? and channel = ? order by id fetch first 1 rows only")
                .params(sequence, headHash, consortiumId, channel).query(AuditRepository::mapAnchor).optional();
    }

    /** Every successful notarization, lowest record first. */
    List<AuditAnchor> anchored() {
        return jdbc.sql("select * from audit_anchors where status = 'ANCHORED' order by sequence, id")
                .query(AuditRepository::mapAnchor).list();
    }

    private static String like(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static AuditRecord map(ResultSet rs, int row) throws SQLException {
        long organization = rs.getLong("organization_id");
        Long organizationId = rs.wasNull() ? null : organization;
        return new AuditRecord(rs.getLong("sequence"), rs.getLong("recorded_at"), rs.getString("actor_kind"),
                rs.getString("actor"), organizationId, rs.getString("action"),
                rs.getString("target"), rs.getString("source_address"), rs.getInt("status"), rs.getString("details"),
                rs.getString("previous_hash"), rs.getString("hash"));
    }

    private static AuditAnchor mapAnchor(ResultSet rs, int row) throws SQLException {
        long block = rs.getLong("block_number");
        Long blockNumber = rs.wasNull() ? null : block;
        return new AuditAnchor(rs.getLong("id"), rs.getLong("sequence"), rs.getString("head_hash"),
                rs.getLong("consortium_id"), rs.getString("channel"), rs.getString("transaction_id"), blockNumber,
                rs.getString("status"), rs.getString("reason"), java.time.Instant.ofEpochMilli(rs.getLong("anchored_at")));
    }
}
