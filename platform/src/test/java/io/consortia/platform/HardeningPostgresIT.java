package io.consortia.platform;

/** {@link HardeningScenario} on the PostgreSQL (skipped unless -Dconsortia.test.postgres.url is set). */
class HardeningPostgresIT extends HardeningScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
