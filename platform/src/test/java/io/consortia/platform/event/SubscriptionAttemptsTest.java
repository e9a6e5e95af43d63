package io.consortia.platform.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A subscription's {@code attempts} and {@code lastError} describe the same failing event and read back in
 * agreement: an admin's pause reset the count to 0 while lastError still said "attempt 2", and the attempt
 * after a resume was numbered 1 again, next to attempts 1 and 2 of the same delivery in its history; the
 * platform's own pause (its organisation left the channel) did the same. Both are cleared together, once the
 * event is delivered (the real schema, H2 migrated by Flyway).
 */
class SubscriptionAttemptsTest {
    private static final String SECOND_FAILURE = "Event 7-0-0, attempt 2: The receiver answered 503";
    private HikariDataSource pool;
    private SubscriptionRepository repository;
    private long id;

    @BeforeEach
    void subscription() {
        pool = OneConnectionDatabase.open();
        JdbcClient jdbc = JdbcClient.create(pool);
        long organization = OneConnectionDatabase.organization(jdbc, "org1");
        long consortium = OneConnectionDatabase.consortium(jdbc, organization);
        jdbc.sql("insert into channels (consortium_id, name, status, created_at) values (?, 'main', 'ACTIVE', 0)")
                .param(consortium).update();
        long channel = jdbc.sql("select id from channels").query(Long.class).single();
        jdbc.sql("insert into gateway_applications (organization_id, consortium_id, name, description, "
                + "identity_subject, created_by, created_at) values (?, ?, 'erp', '', 'app:erp', 'alice', 0)")
                .params(organization, consortium).update();
        long application = jdbc.sql("select id from gateway_applications").query(Long.class).single();
        jdbc.sql("insert into gateway_access_keys (application_id, access_key_id, sealed_secret, channels, contracts, "
                + "functions, rate_limit, expires_at, created_by, created_at) values (?, 'AK1', 'sealed', '*', '*', "
                + "'*', 10, 0, 'alice', 0)").param(application).update();
        long key = jdbc.sql("select id from gateway_access_keys").query(Long.class).single();
        repository = new SubscriptionRepository(jdbc);
        id = repository.insert(application, channel, EventKind.TX_STATUS, "", List.of(), "http://erp.example/hook",
                key, 7, "alice", 0);
        repository.failed(id, 1, 1_000, "Event 7-0-0, attempt 1: The receiver answered 503");
        repository.failed(id, 2, 3_000, SECOND_FAILURE);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void an_admin_s_pause_and_resume_keep_the_attempts_and_the_last_error_that_counts_them() {
        repository.status(id, "PAUSED");
        Subscription paused = repository.get(id).orElseThrow();
        assertThat(paused.status()).isEqualTo("PAUSED");
        assertThat(paused.attempts()).isEqualTo(2);
        assertThat(paused.lastError()).isEqualTo(SECOND_FAILURE);

        repository.status(id, "ACTIVE");
        Subscription resumed = repository.get(id).orElseThrow();
        assertThat(resumed.status()).isEqualTo("ACTIVE");
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(resumed.lastError()).isEqualTo(SECOND_FAILURE);
        // resumed: tried again at once, as attempt 3
        assertThat(resumed.nextAttemptAt()).isZero();
        assertThat(repository.due(0)).extracting(Subscription::id).containsExactly(id);
    }

    @Test
    void delivering_the_event_clears_both() {
        repository.advance(id, new Position(7, 1, 0), 1);
        Subscription delivered = repository.get(id).orElseThrow();
        assertThat(delivered.attempts()).isZero();
        assertThat(delivered.lastError()).isNull();
    }

    @Test
    void the_platform_s_pause_says_why_and_keeps_the_attempts_and_its_resume_continues_their_numbering() {
        String why = "Paused by the platform: The application's organisation is no longer a member of channel main";
        repository.pause(id, why);
        Subscription paused = repository.get(id).orElseThrow();
        assertThat(paused.status()).isEqualTo("PAUSED");
        assertThat(paused.pausedBy()).isEqualTo(SubscriptionRepository.PAUSED_BY_PLATFORM);
        assertThat(paused.attempts()).as("the failed attempts at event 7-0-0, as an admin's pause keeps them")
                .isEqualTo(2);
        assertThat(paused.lastError()).isEqualTo(why);

        // the organisation is a member again: resumed at once, the next attempt at event 7-0-0 is attempt 3
        assertThat(repository.resumeByPlatform(id)).isTrue();
        Subscription resumed = repository.get(id).orElseThrow();
        assertThat(resumed.status()).isEqualTo("ACTIVE");
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(resumed.lastError()).as("the pause's reason, once resumed").isNull();
        assertThat(resumed.nextAttemptAt()).isZero();
        assertThat(repository.due(0)).extracting(Subscription::id).containsExactly(id);
    }

    @Test
    void an_admin_s_resume_of_the_platform_s_pause_keeps_the_attempts_and_clears_its_reason() {
        repository.pause(id, "Paused by the platform: The application's organisation is no longer a member of "
                + "channel main");

        repository.status(id, "ACTIVE");
        Subscription resumed = repository.get(id).orElseThrow();
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(resumed.lastError()).as("the pause's reason, once the admin resumed it").isNull();
        assertThat(repository.due(0)).extracting(Subscription::id).containsExactly(id);
    }
}
