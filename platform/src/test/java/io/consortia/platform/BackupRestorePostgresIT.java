package io.consortia.platform;

/** {@link BackupRestoreScenario} on PostgreSQL; skipped unless {@code -Dconsortia.test.postgres.url} is set. */
class BackupRestorePostgresIT extends BackupRestoreScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
