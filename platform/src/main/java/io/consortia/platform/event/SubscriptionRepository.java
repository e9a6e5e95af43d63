package io.consortia.platform.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class SubscriptionRepository {
    private static final String SELECT = "select s.*, c.name as channel_name from event_subscriptions s "
            + "join channels c on c.id = s.channel_id ";
    static final String PAUSED_BY_PLATFORM = "PLATFORM";
    static final String PAUSED_BY_ADMIN = "ADMIN";
    private final JdbcClient jdbc;

    SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long applicationId, long channelId, EventKind kind, String contract, List<String> eventNames,
            String url, long signingKeyId, long fromBlock, String createdBy, long now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into event_subscriptions (application_id, channel_id, kind, contract, event_names, url, "
                        + "signing_key_id, status, cursor_block, cursor_tx, cursor_event, from_block, delivered, attempts, "
                        + "next_attempt_at, created_by, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, 0, 0, ?, 0, 0, 0, ?, ?)")
                .params(applicationId, channelId, kind.name(), contract, String.join(",", eventNames), url,
                        signingKeyId, fromBlock, fromBlock, createdBy, now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Subscription> get(long id) {
        return jdbc.sql(SELECT + "where s.id = ?").param(id).query(SubscriptionRepository::subscription).optional();
    }

    List<Subscription> ofApplication(long applicationId) {
        return jdbc.sql(SELECT + "where s.application_id = ? order by s.id").param(applicationId)
                .query(SubscriptionRepository::subscription).list();
    }

    List<Subscription> due(long now) {
        return jdbc.sql(SELECT + "where s.status = 'ACTIVE' and s.next_attempt_at <= ? order by s.id").param(now)
                .query(SubscriptionRepository::subscription).list();
    }

    /** Moves the cursor past an acknowledged event (or past blocks without matching events). */
    void advance(long id, Position cursor, int deliveredNow) {
        jdbc.sql("update event_subscriptions set cursor_block = ?, cursor_tx = ?, cursor_event = ?, "
                        + "delivered = delivered + ?, attempts = 0, next_attempt_at = 0, last_error = null where id = ?")
                .params(cursor.block(), cursor.transaction(), cursor.event(), deliveredNow, id).update();
    }

    void failed(long id, int attempts, long nextAttemptAt, String error) {
        jdbc.sql("update event_subscriptions set attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")
                .params(attempts, nextAttemptAt, cut(error, 1000), id).update();
    }

    /**
     * An admin's pause or resume: an admin's pause is only ended by an admin. The failed attempts and the last
     * error stay as they are, since they describe the event under the cursor, which neither delivers: reset, the
     * count read 0 next to "attempt 2", and the attempt after a resume was numbered 1 again in the history. A
     * resume tries again at once, as the next attempt; a reason the platform paused for is no error any more.
     */
    void status(long id, String status) {
        if ("PAUSED".equals(status)) {
            jdbc.sql("update event_subscriptions set status = 'PAUSED', paused_by = ? where id = ?")
                    .params(PAUSED_BY_ADMIN, id).update();
        } else {
            jdbc.sql("update event_subscriptions set status = ?, paused_by = null, next_attempt_at = 0, "
                            + "last_error = case when last_error like ? then null else last_error end where id = ?")
                    .params(status, SubscriptionService.PAUSED_BY_PLATFORM + "%", id).update();
        }
    }

    /**
     * Paused by the platform, with why in last_error (the API's lastError). The failed attempts stay, as an
     * admin's pause keeps them: the event under the cursor is still undelivered, and its next attempt after a
     * resume continues their numbering in the delivery history.
     */
    void pause(long id, String reason) {
        jdbc.sql("update event_subscriptions set status = 'PAUSED', paused_by = ?, last_error = ? "
                        + "where id = ? and status = 'ACTIVE'")
                .params(PAUSED_BY_PLATFORM, cut(reason, 1000), id).update();
    }

    /** The subscriptions the platform paused, which it resumes once their organisation is a member again. */
    List<Subscription> pausedByPlatform() {
        return jdbc.sql(SELECT + "where s.status = 'PAUSED' and s.paused_by = ? order by s.id")
                .param(PAUSED_BY_PLATFORM).query(SubscriptionRepository::subscription).list();
    }

    /**
     * Resumes a subscription the platform paused, unless an admin has paused it since: tried again at once, as
     * the next attempt, its pause's reason no error any more.
     */
    boolean resumeByPlatform(long id) {
        return jdbc.sql("update event_subscriptions set status = 'ACTIVE', paused_by = null, next_attempt_at = 0, "
                        + "last_error = null where id = ? and status = 'PAUSED' and paused_by = ?")
                .params(id, PAUSED_BY_PLATFORM).update() == 1;
    }

    void delete(long id) {
        jdbc.sql("delete from event_deliveries where subscription_id = ?").param(id).update();
        jdbc.sql("delete from event_subscriptions where id = ?").param(id).update();
    }

    void record(long subscriptionId, String deliveryId, Position position, int attempt, Integer statusCode,
            String error, boolean succeeded, long at, long durationMillis) {
        jdbc.sql("insert into event_deliveries (subscription_id, delivery_id, event_position, attempt, status_code, "
                        + "error, succeeded, attempted_at, duration_millis) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(subscriptionId, deliveryId, position.id(), attempt, statusCode, cut(error, 1000), succeeded,
                        at, durationMillis)
                .update();
    }

    /** The latest attempts first. */
    List<Delivery> deliveries(long subscriptionId, int limit) {
        return jdbc.sql("select * from event_deliveries where subscription_id = ? order by id desc limit ?")
                .params(subscriptionId, limit).query(SubscriptionRepository::delivery).list();
    }

    /** Keeps the latest {@code kept} attempts of a subscription. */
    void prune(long subscriptionId, int kept) {
        Optional<Long> oldestKept = jdbc.sql("select id from event_deliveries where subscription_id = ? "
                        + "order by id desc limit 1 offset ?").params(subscriptionId, kept - 1)
                .query(Long.class).optional();
        oldestKept.ifPresent(id -> jdbc.sql("delete from event_deliveries where subscription_id = ? and id < ?")
                .params(subscriptionId, id).update());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static Subscription subscription(ResultSet rs, int row) throws SQLException {
        String names = rs.getString("event_names");
        return new Subscription(rs.getLong("id"), rs.getLong("application_id"), rs.getLong("channel_id"),
                rs.getString("channel_name"), EventKind.valueOf(rs.getString("kind")), rs.getString("contract"),
                names.isEmpty() ? List.of() : Arrays.asList(names.split(",")), rs.getString("url"),
                rs.getLong("signing_key_id"), rs.getString("status"), rs.getString("paused_by"),
                new Position(rs.getLong("cursor_block"), rs.getInt("cursor_tx"), rs.getInt("cursor_event")),
                rs.getLong("from_block"), rs.getLong("delivered"), rs.getInt("attempts"), rs.getLong("next_attempt_at"),
                rs.getString("last_error"), rs.getString("created_by"), rs.getLong("created_at"));
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        int status = rs.getInt("status_code");
        Integer statusCode = rs.wasNull() ? null : status;
        return new Delivery(rs.getLong("id"), rs.getLong("subscription_id"), rs.getString("delivery_id"),
                rs.getString("event_position"), rs.getInt("attempt"), statusCode, rs.getString("error"),
                rs.getBoolean("succeeded"), rs.getLong("attempted_at"), rs.getLong("duration_millis"));
    }
}
