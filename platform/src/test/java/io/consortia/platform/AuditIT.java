package io.consortia.platform;

/** {@link AuditScenario} on the embedded H2 database. */
class AuditIT extends AuditScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
