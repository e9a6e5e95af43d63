package io.consortia.platform;

/** {@link HardeningScenario} on the embedded H2 database. */
class HardeningIT extends HardeningScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
