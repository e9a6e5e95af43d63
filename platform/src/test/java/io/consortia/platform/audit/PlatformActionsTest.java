package io.consortia.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.platform.system.PlatformAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's own actions (a tester found none in the trail although the platform signs with
 * organisations' custodial identities) are PLATFORM records in the same chain as requests.
 */
class PlatformActionsTest {
    private HikariDataSource pool;
    private AuditRepository records;
    private AuditTrail trail;

    @BeforeEach
    void schema() {
        pool = OneConnectionDatabase.open();
        records = new AuditRepository(JdbcClient.create(pool));
        trail = new AuditTrail(records, new TransactionTemplate(new DataSourceTransactionManager(pool)));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void a_platform_action_is_a_platform_record_in_the_chain_naming_the_job_and_its_facts() {
        trail.record(new AuditEvent(AuditEvent.USER, "alice", 1L, "POST /api/v1/nodes/{nodeId}/restart",
                "nodeId=c1-org1-0", "127.0.0.1", 202, "auth=bearer"));
        new PlatformActions(trail).on(new PlatformAction("supervisor", "node.restart", 1L, "node=c1-org1-0", 200,
                PlatformAction.facts("node", "c1-org1-0", "organization", 1L, "reason", "exited unexpectedly")));

        AuditRecord platform = records.bySequence(2).orElseThrow();
        assertThat(platform.actorKind()).isEqualTo(AuditEvent.PLATFORM);
        assertThat(platform.actor()).isEqualTo("supervisor");
        assertThat(platform.organizationId()).as("its admins see it").isEqualTo(1L);
        assertThat(platform.action()).isEqualTo("node.restart");
        assertThat(platform.target()).isEqualTo("node=c1-org1-0");
        assertThat(platform.status()).isEqualTo(200);
        assertThat(platform.details()).isEqualTo("node=\"c1-org1-0\" organization=\"1\" reason=\"exited unexpectedly\"");
        assertThat(platform.previousHash()).isEqualTo(records.bySequence(1).orElseThrow().hash());
        assertThat(new AuditService(records, AuditTrailTest.ledger()).verify().ok()).isTrue();
    }

    /**
     * The schedule leaves its own record to the next notarization (notarizing it would record that, for
     * ever), but only when nothing else came since the notarized record: sign-ins recorded while the
     * transaction was on its way were left un-notarized for good in the first version (AuditIT found it).
     */
    @Test
    void the_notary_skips_its_own_record_only_right_after_the_record_it_notarized() {
        trail.record(new AuditEvent(AuditEvent.USER, "alice", 1L, "POST /api/v1/auth/login", "", "127.0.0.1", 200,
                "auth=none")); // 1: notarized
        trail.record(notarization(201)); // 2: right after it
        trail.record(new AuditEvent(AuditEvent.USER, "bob", 1L, "POST /api/v1/auth/login", "", "127.0.0.1", 200,
                "auth=none")); // 3: while the next transaction was on its way
        trail.record(notarization(201)); // 4: of record 2
        trail.record(notarization(503)); // 5: a failure

        assertThat(AuditNotary.onlyOwnRecordSince(records.bySequence(2).orElseThrow(), 1)).isTrue();
        assertThat(AuditNotary.onlyOwnRecordSince(records.bySequence(4).orElseThrow(), 2))
                .as("record 3 came in between").isFalse();
        assertThat(AuditNotary.onlyOwnRecordSince(records.bySequence(5).orElseThrow(), 4)).as("a failure is retried")
                .isFalse();
        assertThat(AuditNotary.onlyOwnRecordSince(records.bySequence(3).orElseThrow(), 2)).isFalse();
    }

    private static AuditEvent notarization(int status) {
        return PlatformActions.event(new PlatformAction(AuditNotary.JOB, AuditNotary.ACTION, 1L,
                "consortium=1 channel=main", status, PlatformAction.facts("record", 1)));
    }
}
