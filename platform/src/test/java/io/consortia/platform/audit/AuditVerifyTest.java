package io.consortia.platform.audit;

import static io.consortia.platform.audit.AuditTrailTest.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verify on the platform's real schema (H2) when a notarized head no longer matches: the chain
 * was rewritten consistently with SQL (each hash recomputed) from some record on, which the walk
 * cannot see. The rewrite began somewhere after the newest earlier notarized head that still
 * matches, and verify must say so rather than name the notarized record as the first bad one.
 */
class AuditVerifyTest {
    private HikariDataSource pool;
    private JdbcClient jdbc;
    private AuditRepository records;

    @BeforeEach
    void tenRecords() {
        pool = OneConnectionDatabase.open();
        jdbc = JdbcClient.create(pool);
        records = new AuditRepository(jdbc);
        AuditTrail trail = new AuditTrail(records, new TransactionTemplate(new DataSourceTransactionManager(pool)));
        for (int i = 1; i <= 10; i++) {
            trail.record(new AuditEvent(AuditEvent.USER, "alice", 3L, "POST /api/v1/consortia", "", "127.0.0.1",
                    201, "n=" + i));
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void a_rewrite_is_reported_from_the_record_after_the_newest_earlier_head_that_still_matches() {
        OnChainAnchor at3 = onChain(1, 3);
        OnChainAnchor at8 = onChain(2, 8);
        rewriteFrom(6);
        AuditVerification verified = new AuditService(records, ledger(at3, at8)).verify();
        assertThat(verified.ok()).isFalse();
        assertThat(verified.firstBadSequence()).as(verified.reason()).isEqualTo(4);
        assertThat(verified.reason()).startsWith("records 4 to 8 cannot be trusted: record 8 hashes to "
                + records.bySequence(8).orElseThrow().hash() + " but the head notarized on chain (channel main of "
                + "consortium 1, anchor 2) in transaction tx-8 was " + at8.headHash() + ": the chain was rewritten; "
                + "record 3 still hashes to what the head notarized on chain (channel main of consortium 1, anchor 1) "
                + "in transaction tx-3 was, so the rewrite began after it");
        // and the console reads it in Chinese, every part of it
        assertThat(new AuditReasons(io.consortia.platform.web.ConsoleTemplates.messages()).text(verified.reason(),
                java.util.Locale.SIMPLIFIED_CHINESE)).startsWith("第 4 至 8 条记录不可信：第 8 条记录的哈希为 ")
                .contains("链上存证的链头（联盟 1 的通道 main，锚点 2，交易 tx-8）")
                .contains("第 3 条记录的哈希仍与链上存证的链头（联盟 1 的通道 main，锚点 1，交易 tx-3）一致")
                .doesNotContain("notarized");
    }

    @Test
    void with_no_earlier_head_that_matches_every_record_up_to_the_notarized_one_is_suspect() {
        OnChainAnchor at8 = onChain(1, 8);
        rewriteFrom(2);
        // the database's list of notarizations is rewritten too: it must not narrow what the ledger reveals
        records.insertAnchor(6, records.bySequence(6).orElseThrow().hash(), 1, "main", "tx-forged", 5L, "ANCHORED",
                null);
        AuditVerification verified = new AuditService(records, ledger(at8)).verify();
        assertThat(verified.firstBadSequence()).as(verified.reason()).isEqualTo(1);
        assertThat(verified.reason()).startsWith("records 1 to 8 cannot be trusted: record 8 hashes to ")
                .contains("no earlier notarized head still matches, so the rewrite may begin at record 1");
    }

    @Test
    void the_platforms_list_of_notarizations_is_checked_the_same_way() {
        records.insertAnchor(7, records.bySequence(7).orElseThrow().hash(), 1, "main", "tx-7", 5L, "ANCHORED", null);
        records.insertAnchor(9, records.bySequence(9).orElseThrow().hash(), 1, "main", "tx-9", 6L, "ANCHORED", null);
        rewriteFrom(9);
        AuditVerification verified = new AuditService(records, ledger()).verify();
        assertThat(verified.firstBadSequence()).as(verified.reason()).isEqualTo(8);
        assertThat(verified.reason()).startsWith("records 8 to 9 cannot be trusted: record 9 hashes to ")
                .contains("the head notarized in transaction tx-9 (as the platform's list of notarizations has it)",
                        "record 7 still hashes to what the head notarized in transaction tx-7");
    }

    /** The head of {@code sequence} as it is now, notarized as the k-th anchor. */
    private OnChainAnchor onChain(long k, long sequence) {
        return new OnChainAnchor(k, sequence, records.bySequence(sequence).orElseThrow().hash(), "tx-" + sequence,
                "tx-index-" + k, k, "org1");
    }

    /** Changes record {@code from} and re-chains it and every later record, as someone with SQL access could. */
    private void rewriteFrom(long from) {
        String previous = records.bySequence(from - 1).map(AuditRecord::hash).orElse(AuditChain.GENESIS);
        for (AuditRecord r : records.page(from - 1, 100)) {
            AuditRecord changed = new AuditRecord(r.sequence(), r.recordedAt(), r.actorKind(),
                    r.sequence() == from ? "mallory" : r.actor(), r.organizationId(), r.action(), r.target(),
                    r.sourceAddress(), r.status(), r.details(), previous, "");
            String hash = AuditChain.hash(previous, changed);
            jdbc.sql("update audit_records set actor = ?, previous_hash = ?, hash = ? where sequence = ?")
                    .params(changed.actor(), previous, hash, r.sequence()).update();
            previous = hash;
        }
        assertThat(new AuditService(records, ledger()).verify().checked()).as("the walk alone cannot see it")
                .isEqualTo(10);
    }
}
