package io.consortia.platform;

/** {@link EndToEndScenario} on the embedded H2 database. */
class EndToEndIT extends EndToEndScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
