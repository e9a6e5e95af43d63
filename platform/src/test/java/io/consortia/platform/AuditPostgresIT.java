package io.consortia.platform;

/** {@link AuditScenario} on PostgreSQL; skipped unless -Dconsortia.test.postgres.url is set. */
class AuditPostgresIT extends AuditScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
