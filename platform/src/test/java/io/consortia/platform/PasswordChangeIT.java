package io.consortia.platform;

/** {@link PasswordChangeScenario} on the embedded H2 database. */
class PasswordChangeIT extends PasswordChangeScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
