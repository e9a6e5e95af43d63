package io.consortia.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The appender on the platform's real schema (H2, migrated by Flyway) after records were deleted
 * from the end of the trail with SQL: new records must not take the deleted records' sequences
 * (which would make verify present them as genuine), but follow the newest record known to have
 * been written, so that verify keeps reporting the deleted ones as missing.
 */
class AuditTrailTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AuditTrail.class);
    private HikariDataSource pool;
    private JdbcClient jdbc;
    private AuditRepository records;

    @BeforeEach
    void schema() {
        pool = OneConnectionDatabase.open();
        jdbc = JdbcClient.create(pool);
        records = new AuditRepository(jdbc);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void close() {
        logger.detachAppender(log);
        pool.close();
    }

    @Test
    void records_deleted_from_the_end_stay_missing_however_many_records_follow() {
        AuditTrail trail = trail(pool);
        append(trail, 10);
        String hash10 = records.bySequence(10).orElseThrow().hash();
        AuditService service = new AuditService(records, ledger(new OnChainAnchor(1, 10, hash10, "tx-head",
                "tx-index", 7, "org1")));
        assertThat(service.verify().ok()).isTrue();

        assertThat(jdbc.sql("delete from audit_records where sequence >= 6").update()).isEqualTo(5);
        assertThat(service.verify().reason()).startsWith("records 6 to 10 are missing: the head notarized on chain");

        append(trail, 12); // more than were deleted: they would have filled the gap and gone beyond the head
        AuditVerification after = service.verify();
        assertThat(after.ok()).isFalse();
        assertThat(after.firstBadSequence()).as(after.reason()).isEqualTo(6);
        assertThat(after.reason()).isEqualTo("records 6 to 10 are missing: the sequence jumps from 5 to 11");
        assertThat(records.bySequence(6)).as("no new record takes a deleted record's sequence").isEmpty();
        List<AuditRecord> since = records.page(5, 100);
        assertThat(since).extracting(AuditRecord::sequence).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L,
                19L, 20L, 21L, 22L);
        // the records after the gap are a chain of their own, starting from the deleted head's hash
        String previous = hash10;
        for (AuditRecord r : since) {
            assertThat(r.previousHash()).as("record %d", r.sequence()).isEqualTo(previous);
            assertThat(AuditChain.hash(previous, r)).as("record %d", r.sequence()).isEqualTo(r.hash());
            previous = r.hash();
        }
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("Audit records 6 to 10 were deleted from the database: its audit trail ends at record 5 "
                        + "but record 10 was written by this platform");
    }

    @Test
    void after_a_restart_the_trail_continues_after_the_newest_head_notarized() {
        append(trail(pool), 10);
        AuditRecord head = records.head().orElseThrow();
        records.insertAnchor(4, records.bySequence(4).orElseThrow().hash(), 1, "main", "tx-4", 3L, "ANCHORED", null);
        records.insertAnchor(10, head.hash(), 1, "main", "tx-10", 7L, "ANCHORED", null);
        records.insertAnchor(12, "f".repeat(64), 1, "main", null, null, "FAILED", "the channel is down");
        jdbc.sql("delete from audit_records where sequence >= 6").update();

        AuditTrail restarted = trail(pool); // a new process: it knows only what the database's list says
        append(restarted, 3);
        assertThat(records.page(5, 100)).extracting(AuditRecord::sequence).containsExactly(11L, 12L, 13L);
        assertThat(records.bySequence(11).orElseThrow().previousHash()).isEqualTo(head.hash());
        AuditVerification verified = new AuditService(records, ledger()).verify();
        assertThat(verified.firstBadSequence()).isEqualTo(6);
        assertThat(verified.reason()).startsWith("records 6 to 10 are missing");
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("record 10 was notarized in transaction tx-10");
    }

    @Test
    void a_head_rewritten_in_place_is_not_chained_onto() {
        AuditTrail trail = trail(pool);
        append(trail, 5);
        String genuine = records.bySequence(5).orElseThrow().hash();
        // the head's content changed and its hash recomputed, so that it checks out on its own
        AuditRecord edited = records.bySequence(5).orElseThrow();
        AuditRecord forged = new AuditRecord(5, edited.recordedAt(), edited.actorKind(), edited.actor(),
                edited.organizationId(), edited.action(), edited.target(), edited.sourceAddress(), 200,
                edited.details(), edited.previousHash(), "");
        jdbc.sql("update audit_records set status = 200, hash = ? where sequence = 5")
                .param(AuditChain.hash(forged.previousHash(), forged)).update();

        append(trail, 2);
        assertThat(records.bySequence(6).orElseThrow().previousHash()).isEqualTo(genuine);
        AuditVerification verified = new AuditService(records, ledger()).verify();
        assertThat(verified.firstBadSequence()).isEqualTo(6);
        assertThat(verified.reason()).contains("record 6 names previous hash " + genuine);
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString().startsWith("Audit record 5 was rewritten");
    }

    @Test
    void two_platforms_on_one_database_keep_the_gap_and_never_take_a_sequence_twice() throws Exception {
        AuditTrail first = trail(pool);
        append(first, 10);
        records.insertAnchor(10, records.head().orElseThrow().hash(), 1, "main", "tx-10", 7L, "ANCHORED", null);
        jdbc.sql("delete from audit_records where sequence >= 6").update();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pool.getJdbcUrl());
        config.setUsername("sa");
        config.setMaximumPoolSize(1);
        try (HikariDataSource otherPool = new HikariDataSource(config)) {
            AuditTrail second = trail(otherPool); // started after the delete: knows the notarized head
            // the two take turns, each following the other's records (two tight loops at once starved one of them
            // past its retries on a loaded 2-core machine: a race the duplicate-key retry, not this test, is about)
            for (int i = 0; i < 40; i++) {
                append(first, 1);
                append(second, 1);
            }
        }
        List<AuditRecord> since = records.page(5, 1000);
        assertThat(since).hasSize(80);
        assertThat(since.get(0).sequence()).isEqualTo(11);
        assertThat(since.get(79).sequence()).isEqualTo(90);
        AuditVerification verified = new AuditService(records, ledger()).verify();
        assertThat(verified.firstBadSequence()).isEqualTo(6);
        assertThat(verified.reason()).isEqualTo("records 6 to 10 are missing: the sequence jumps from 5 to 11");
        for (int i = 1; i < since.size(); i++) {
            assertThat(since.get(i).previousHash()).isEqualTo(since.get(i - 1).hash());
        }
    }

    private static AuditTrail trail(DataSource dataSource) {
        return new AuditTrail(new AuditRepository(JdbcClient.create(dataSource)),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    private static void append(AuditTrail trail, int count) {
        for (int i = 0; i < count; i++) {
            trail.record(new AuditEvent(AuditEvent.USER, "alice", 3L, "POST /api/v1/consortia", "", "127.0.0.1",
                    201, "n=" + i));
        }
    }

    /** The ledger as verify reads it: these anchors on channel main of consortium 1, or none configured. */
    static AuditLedger ledger(OnChainAnchor... anchors) {
        return new AuditLedger(null, null, null) {
            @Override
            OnChainCheck check() {
                return anchors.length == 0 ? OnChainCheck.notConfigured()
                        : OnChainCheck.read(1, "main", List.of(anchors));
            }
        };
    }
}
