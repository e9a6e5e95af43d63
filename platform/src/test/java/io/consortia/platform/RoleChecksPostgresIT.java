package io.consortia.platform;

/** {@link RoleChecksScenario} on PostgreSQL; skipped unless {@code -Dconsortia.test.postgres.url} is set. */
class RoleChecksPostgresIT extends RoleChecksScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
