package io.consortia.platform;

/** {@link MemberManagementScenario} on the embedded H2 database. */
class MemberManagementIT extends MemberManagementScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
