package io.consortia.platform;

/** {@link BadInputScenario} on the embedded H2 database. */
class BadInputIT extends BadInputScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
