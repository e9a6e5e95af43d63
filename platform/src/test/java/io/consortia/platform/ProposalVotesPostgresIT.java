package io.consortia.platform;

/** {@link ProposalVotesScenario} on PostgreSQL (skipped unless -Dconsortia.test.postgres.url is set). */
class ProposalVotesPostgresIT extends ProposalVotesScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}
