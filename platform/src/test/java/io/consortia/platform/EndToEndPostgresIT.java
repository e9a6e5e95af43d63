package io.consortia.platform;

/** {@link EndToEndScenario} on PostgreSQL; skipped unless {@code -Dconsortia.test.postgres.url} is set. */
class EndToEndPostgresIT extends EndToEndScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
