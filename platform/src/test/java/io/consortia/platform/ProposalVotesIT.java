package io.consortia.platform;

/** {@link ProposalVotesScenario} on the embedded H2 database. */
class ProposalVotesIT extends ProposalVotesScenario {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
