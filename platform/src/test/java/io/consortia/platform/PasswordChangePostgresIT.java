package io.consortia.platform;

/** {@link PasswordChangeScenario} on PostgreSQL (skipped unless -Dconsortia.test.postgres.url is set). */
class PasswordChangePostgresIT extends PasswordChangeScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
