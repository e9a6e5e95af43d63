package io.consortia.platform;

/** {@link BackupRestoreScenario} on the embedded H2 database. */
class BackupRestoreIT extends BackupRestoreScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
