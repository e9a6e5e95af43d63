package io.consortia.platform;

/** {@link SessionRestartScenario} on the embedded H2 database. */
class SessionRestartIT extends SessionRestartScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
