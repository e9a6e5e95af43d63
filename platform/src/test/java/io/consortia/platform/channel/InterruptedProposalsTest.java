package io.consortia.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.system.PlatformAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tester stopped the platform while an approved removal was being applied: after the restart the proposal
 * stayed APPLYING for good. It could not be applied again, no new proposal for the change could be made, and
 * the organisation could not leave (its channel's change "under way").
 */
class InterruptedProposalsTest {
    private HikariDataSource pool;
    private JdbcClient jdbc;
    private long consortium;
    private long org2;

    @BeforeEach
    void setUp() {
        pool = OneConnectionDatabase.open();
        jdbc = JdbcClient.create(pool);
        long org1 = OneConnectionDatabase.organization(jdbc, "org1");
        org2 = OneConnectionDatabase.organization(jdbc, "org2");
        consortium = OneConnectionDatabase.consortium(jdbc, org1);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void a_proposal_a_restart_interrupted_is_failed_saying_so_and_can_be_applied_again() {
        long applying = proposal("APPLYING");
        long applied = proposal("APPLIED");
        long approved = proposal("APPROVED");

        assertThat(new InterruptedProposals(jdbc, event -> {}).failAll()).extracting(InterruptedProposals.Interrupted::id)
                .containsExactly(applying);

        assertThat(status(applying)).isEqualTo("FAILED " + ProposalNotes.INTERRUPTED);
        assertThat(status(applied)).startsWith("APPLIED");
        assertThat(status(approved)).startsWith("APPROVED");
        ChannelProposalService proposals = new ChannelProposalService(jdbc, mock(ChannelService.class),
                mock(ConsortiumService.class));
        assertThat(proposals.claim(applying)).as("applied again by the leader").isTrue();
    }

    /** The auditor read, in the trail, only that the proposal they saw voted through was FAILED, not by whom. */
    @Test
    void each_proposal_failed_at_start_is_published_as_the_platforms_action() {
        jdbc.sql("insert into channels (consortium_id, name, status, created_at) values (?, 'main', 'ACTIVE', 0)")
                .param(consortium).update();
        long channel = jdbc.sql("select max(id) from channels").query(Long.class).single();
        long applying = proposal("APPLYING");
        jdbc.sql("update channel_proposals set channel_id = ? where id = ?").params(channel, applying).update();
        long membership = proposal("APPLYING");
        List<Object> published = new ArrayList<>();

        new InterruptedProposals(jdbc, published::add).failInterrupted();

        assertThat(published).hasSize(2);
        PlatformAction first = (PlatformAction) published.get(0);
        assertThat(first.job()).isEqualTo("platform-start");
        assertThat(first.action()).isEqualTo("proposal.fail");
        assertThat(first.target()).isEqualTo("proposal=" + applying);
        assertThat(first.facts()).containsEntry("proposal", applying).containsEntry("kind", "REMOVE_MEMBER")
                .containsEntry("channel", "main").containsEntry("consortium", consortium)
                .containsEntry("organization", org2).containsEntry("proposedBy", "alice")
                .containsEntry("proposalStatus", "FAILED").containsEntry("reason", ProposalNotes.INTERRUPTED);
        PlatformAction second = (PlatformAction) published.get(1);
        assertThat(second.target()).isEqualTo("proposal=" + membership);
        assertThat(second.facts()).as("a membership proposal has no channel").containsEntry("channel", null);
    }

    private long proposal(String status) {
        jdbc.sql("insert into channel_proposals (consortium_id, channel_id, organization_id, kind, proposed_by, "
                        + "policy, status, note, created_at, decided_at) values (?, null, ?, 'REMOVE_MEMBER', 'alice', "
                        + "'MAJORITY', ?, 'before', 0, 0)")
                .params(consortium, org2, status).update();
        return jdbc.sql("select max(id) from channel_proposals").query(Long.class).single();
    }

    private String status(long id) {
        return jdbc.sql("select status || ' ' || note from channel_proposals where id = ?").param(id).query(String.class)
                .single();
    }
}
