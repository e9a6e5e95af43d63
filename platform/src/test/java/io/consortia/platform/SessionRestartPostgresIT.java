package io.consortia.platform;

/** {@link SessionRestartScenario} on PostgreSQL (skipped unless -Dconsortia.test.postgres.url is set). */
class SessionRestartPostgresIT extends SessionRestartScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
