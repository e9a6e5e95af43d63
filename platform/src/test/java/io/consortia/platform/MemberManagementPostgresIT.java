package io.consortia.platform;

/** {@link MemberManagementScenario} on PostgreSQL (skipped unless -Dconsortia.test.postgres.url is set). */
class MemberManagementPostgresIT extends MemberManagementScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
