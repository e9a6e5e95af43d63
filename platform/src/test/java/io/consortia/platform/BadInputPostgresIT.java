package io.consortia.platform;

/** {@link BadInputScenario} on PostgreSQL; skipped unless {@code -Dconsortia.test.postgres.url} is set. */
class BadInputPostgresIT extends BadInputScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
