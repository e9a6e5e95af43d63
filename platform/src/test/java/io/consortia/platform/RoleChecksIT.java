package io.consortia.platform;

/** {@link RoleChecksScenario} on the embedded H2 database. */
class RoleChecksIT extends RoleChecksScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
