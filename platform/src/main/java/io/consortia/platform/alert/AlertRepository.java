package io.consortia.platform.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Rules, alerts, notification channels and deliveries. */
@Repository
class AlertRepository {
    /** The size of alerts.summary_args (V23). */
    private static final int MAX_ARGS = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- rules

    long insertRule(long consortiumId, RuleKind kind, long threshold, long window, long forSeconds, boolean enabled,
            String createdBy) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into alert_rules (consortium_id, kind, threshold, window_seconds, for_seconds, enabled, "
                        + "created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(consortiumId, kind.name(), threshold, window, forSeconds, enabled, createdBy,
                        System.currentTimeMillis())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void updateRule(long id, long threshold, long window, long forSeconds, boolean enabled) {
        jdbc.sql("update alert_rules set threshold = ?, window_seconds = ?, for_seconds = ?, enabled = ? where id = ?")
                .params(threshold, window, forSeconds, enabled, id).update();
    }

    void deleteRule(long id) {
        jdbc.sql("delete from alert_rules where id = ?").param(id).update();
    }

    Optional<AlertRule> rule(long id) {
        return jdbc.sql("select * from alert_rules where id = ?").param(id).query(AlertRepository::rule).optional();
    }

    List<AlertRule> rules(long consortiumId) {
        return jdbc.sql("select * from alert_rules where consortium_id = ? order by id").param(consortiumId)
                .query(AlertRepository::rule).list();
    }

    void evaluated(long ruleId, String notEvaluatedReason, long at) {
        jdbc.sql("update alert_rules set not_evaluated_reason = ?, last_evaluated_at = ? where id = ?")
                .params(notEvaluatedReason, at, ruleId).update();
    }

    /**
     * Marks the consortium's default rules as created; false if they were already. Checked before
     * inserting rather than by catching the duplicate key, which would abort a PostgreSQL
     * transaction (the evaluator is the only writer that races, and retries next round).
     */
    boolean claimDefaults(long consortiumId) {
        if (jdbc.sql("select count(*) from alert_defaults where consortium_id = ?").param(consortiumId)
                .query(Long.class).single() > 0) {
            return false;
        }
        jdbc.sql("insert into alert_defaults (consortium_id, created_at) values (?, ?)")
                .params(consortiumId, System.currentTimeMillis()).update();
        return true;
    }

    // --- alerts

    long open(AlertRule rule, RuleConditions.Finding finding, long now) {
        String target = finding.target();
        String args = json(finding.args());
        // arguments too long to keep whole would render a wrong sentence: the console shows the English summary then
        String key = args.length() <= MAX_ARGS ? finding.key() : null;
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into alerts (consortium_id, rule_id, kind, severity, target, summary, summary_key, "
                        + "summary_args, status, open_key, opened_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)")
                .params(rule.consortiumId(), rule.id(), rule.kind().name(), rule.kind().severity().name(),
                        truncate(target, 200), truncate(finding.summary(), 1000), key, key == null ? null : args,
                        openKey(rule.id(), target), now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    private static String json(List<String> args) {
        try {
            return JSON.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> args(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    void resolve(long alertId, String resolution, long now) {
        jdbc.sql("update alerts set status = 'RESOLVED', open_key = null, resolved_at = ?, resolution = ? "
                + "where id = ? and status <> 'RESOLVED'").params(now, truncate(resolution, 500), alertId).update();
    }

    /** Acknowledges an unresolved alert; false if it was resolved or acknowledged already. */
    boolean acknowledge(long alertId, String by, long now) {
        return jdbc.sql("update alerts set status = 'ACKNOWLEDGED', acknowledged_by = ?, acknowledged_at = ? "
                + "where id = ? and status = 'OPEN'").params(by, now, alertId).update() == 1;
    }

    List<Alert> unresolved(long ruleId) {
        return jdbc.sql("select * from alerts where rule_id = ? and status <> 'RESOLVED' order by id").param(ruleId)
                .query(AlertRepository::alert).list();
    }

    Optional<Alert> alert(long id) {
        return jdbc.sql("select * from alerts where id = ?").param(id).query(AlertRepository::alert).optional();
    }

    /** The consortium's alerts, newest first; {@code status} null for all. */
    List<Alert> alerts(long consortiumId, String status, int limit) {
        if (status == null) {
            return jdbc.sql("select * from alerts where consortium_id = ? order by id desc limit ?")
                    .params(consortiumId, limit).query(AlertRepository::alert).list();
        }
        return jdbc.sql("select * from alerts where consortium_id = ? and status = ? order by id desc limit ?")
                .params(consortiumId, status, limit).query(AlertRepository::alert).list();
    }

    // --- channels

    long insertChannel(long consortiumId, String name, NotificationChannel.Type type, String url, String sealedSecret,
            List<String> recipients, String createdBy) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into alert_channels (consortium_id, name, type, url, sealed_secret, recipients, created_by, "
                        + "created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(consortiumId, name, type.name(), url, sealedSecret,
                        recipients == null ? null : String.join(",", recipients), createdBy, System.currentTimeMillis())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    List<NotificationChannel> channels(long consortiumId) {
        return jdbc.sql("select * from alert_channels where consortium_id = ? order by id").param(consortiumId)
                .query(AlertRepository::channel).list();
    }

    Optional<NotificationChannel> channel(long id) {
        return jdbc.sql("select * from alert_channels where id = ?").param(id).query(AlertRepository::channel)
                .optional();
    }

    String sealedSecret(long channelId) {
        return jdbc.sql("select sealed_secret from alert_channels where id = ?").param(channelId).query(String.class)
                .single();
    }

    void deleteChannel(long id) {
        jdbc.sql("delete from alert_channels where id = ?").param(id).update();
    }

    // --- deliveries

    long insertDelivery(String deliveryId, long alertId, long channelId, String event) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into alert_deliveries (delivery_id, alert_id, channel_id, event, status, attempts, created_at) "
                        + "values (?, ?, ?, ?, 'PENDING', 0, ?)")
                .params(deliveryId, alertId, channelId, event, System.currentTimeMillis()).update(keys, "id");
        return keys.getKey().longValue();
    }

    void attempted(long id, int attempts, String status, String outcome, Long finishedAt) {
        jdbc.sql("update alert_deliveries set attempts = ?, status = ?, outcome = ?, finished_at = ? where id = ?")
                .params(attempts, status, truncate(outcome, 1000), finishedAt, id).update();
    }

    /** The consortium's deliveries, newest first; {@code alertId} null for all. */
    List<Delivery> deliveries(long consortiumId, Long alertId, int limit) {
        String sql = "select d.*, c.name as channel_name from alert_deliveries d join alert_channels c "
                + "on c.id = d.channel_id join alerts a on a.id = d.alert_id where a.consortium_id = ?";
        if (alertId == null) {
            return jdbc.sql(sql + " order by d.id desc limit ?").params(consortiumId, limit)
                    .query(AlertRepository::delivery).list();
        }
        return jdbc.sql(sql + " and d.alert_id = ? order by d.id desc limit ?").params(consortiumId, alertId, limit)
                .query(AlertRepository::delivery).list();
    }

    /** Removes the rules, alerts, channels and deliveries of consortia that were deleted. */
    void deleteOrphans() {
        String gone = " where consortium_id not in (select id from consortia)";
        jdbc.sql("delete from alert_deliveries where alert_id in (select id from alerts" + gone + ")").update();
        jdbc.sql("delete from alerts" + gone).update();
        jdbc.sql("delete from alert_channels" + gone).update();
        jdbc.sql("delete from alert_rules" + gone).update();
        jdbc.sql("delete from alert_defaults" + gone).update();
    }

    static String openKey(long ruleId, String target) {
        return truncate(ruleId + ":" + target, 260);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static AlertRule rule(ResultSet rs, int row) throws SQLException {
        long at = rs.getLong("last_evaluated_at");
        Long lastEvaluatedAt = rs.wasNull() ? null : at;
        return new AlertRule(rs.getLong("id"), rs.getLong("consortium_id"), RuleKind.valueOf(rs.getString("kind")),
                rs.getLong("threshold"), rs.getLong("window_seconds"), rs.getLong("for_seconds"),
                rs.getBoolean("enabled"), rs.getString("created_by"), rs.getLong("created_at"),
                rs.getString("not_evaluated_reason"), lastEvaluatedAt);
    }

    private static Alert alert(ResultSet rs, int row) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getLong("consortium_id"), rs.getLong("rule_id"),
                RuleKind.valueOf(rs.getString("kind")), RuleKind.Severity.valueOf(rs.getString("severity")),
                rs.getString("target"), rs.getString("summary"), rs.getString("status"), rs.getLong("opened_at"),
                rs.getString("acknowledged_by"), nullableLong(rs, "acknowledged_at"), nullableLong(rs, "resolved_at"),
                rs.getString("resolution"), rs.getString("summary_key"), args(rs.getString("summary_args")));
    }

    private static NotificationChannel channel(ResultSet rs, int row) throws SQLException {
        String recipients = rs.getString("recipients");
        return new NotificationChannel(rs.getLong("id"), rs.getLong("consortium_id"), rs.getString("name"),
                NotificationChannel.Type.valueOf(rs.getString("type")), rs.getString("url"),
                recipients == null || recipients.isEmpty() ? List.of() : Arrays.asList(recipients.split(",")),
                rs.getString("created_by"), rs.getLong("created_at"));
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getString("delivery_id"), rs.getLong("alert_id"),
                rs.getLong("channel_id"), rs.getString("channel_name"), rs.getString("event"), rs.getString("status"),
                rs.getInt("attempts"), rs.getString("outcome"), rs.getLong("created_at"),
                nullableLong(rs, "finished_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
