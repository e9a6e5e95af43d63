package io.consortia.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.SchemeChoice;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.DeploymentService;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.NodeOperation;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.identity.PlatformRole;
import io.consortia.platform.system.PlatformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An organisation leaves a consortium on its own (no vote) on the platform's real schema (H2):
 * the removal an approved REMOVE_MEMBER runs, its channel changes signed by the leaving
 * organisation first and then every other one of the channel. Each refusal (409 problem) leaves
 * the proposals as they were. Whether it left or was voted out, its proposals still open are withdrawn.
 */
class MemberLeaveTest {
    private HikariDataSource pool;
    private JdbcClient jdbc;
    private ChannelProposalService proposals;
    private ProposalExecution execution;
    private ChannelService channels;
    private ChannelChanges changes;
    private ConsortiumService consortia;
    private DeploymentService deployments;
    private long consortium;
    private long lead;
    private long bank;
    private long outsider;
    private Caller bankAdmin;
    private final List<String> steps = new ArrayList<>();

    @BeforeEach
    void setUp() {
        pool = OneConnectionDatabase.open();
        jdbc = JdbcClient.create(pool);
        lead = OneConnectionDatabase.organization(jdbc, "lead");
        bank = OneConnectionDatabase.organization(jdbc, "bank");
        outsider = OneConnectionDatabase.organization(jdbc, "outsider");
        consortium = OneConnectionDatabase.consortium(jdbc, lead);
        bankAdmin = new Caller(2, "bank-admin", null, bank, OrganizationRole.ADMIN);

        consortia = mock(ConsortiumService.class);
        when(consortia.get(consortium)).thenReturn(new Consortium(consortium, "c", SchemeChoice.ECDSA_P256, 1,
                "RAFT", "LOCAL", lead, ConsortiumStatus.RUNNING, 0));
        when(consortia.isMember(consortium, lead)).thenReturn(true);
        when(consortia.isMember(consortium, bank)).thenReturn(true);
        // as the service sees it: members and those who see everything, anyone else the 404 of an absent id
        when(consortia.requireVisible(any(), anyLong())).thenAnswer(call -> {
            Caller caller = call.getArgument(0);
            long id = call.getArgument(1);
            if (!caller.seesEverything()
                    && (caller.organizationId() == null || !consortia.isMember(id, caller.organizationId()))) {
                throw io.consortia.platform.system.PlatformException.notFound("Consortium", id);
            }
            return consortia.get(id);
        });
        channels = mock(ChannelService.class);
        when(channels.ofConsortium(consortium)).thenReturn(List.of());
        changes = mock(ChannelChanges.class);
        deployments = mock(DeploymentService.class);
        DeploymentSteps recorded = new DeploymentSteps() {
            @Override
            public <T> T step(String name, String nodeId, Supplier<T> work) {
                steps.add(name);
                return work.get();
            }
        };
        when(deployments.operate(anyString(), anyLong(), anyString(), any())).thenAnswer(call -> {
            ((NodeOperation) call.getArgument(3)).run(recorded);
            return operation(call.getArgument(2), call.getArgument(0));
        });
        proposals = new ChannelProposalService(jdbc, channels, consortia);
        execution = new ProposalExecution(proposals, channels, changes, deployments, consortia);
    }

    @AfterEach
    void close() {
        execution.shutdown();
        pool.close();
    }

    @Test
    void an_admin_takes_the_organisation_out_of_every_channel_and_the_consortium_without_a_vote() {
        ChannelRecord trade = channel(1, "trade", List.of(lead, bank));
        ChannelRecord leadOnly = channel(2, "internal", List.of(lead));
        when(channels.ofConsortium(consortium)).thenReturn(List.of(trade, leadOnly));
        when(channels.peers(trade)).thenReturn(List.of(node(1, lead), node(2, bank)));
        long pending = removal("PENDING");

        ChannelProposal left = execution.leave(bankAdmin, consortium, bank);

        assertThat(left.kind()).isEqualTo("LEAVE_CONSORTIUM");
        assertThat(left.status()).as(left.note()).isEqualTo("APPLIED");
        assertThat(left.note()).isEqualTo(ProposalNotes.leftConsortium(bank));
        assertThat(left.proposedBy()).isEqualTo("bank-admin");
        assertThat(left.policy()).isEqualTo("NONE");
        assertThat(left.votes()).isEmpty();
        assertThat(left.deploymentId()).isEqualTo(jdbc.sql("select id from deployments where action = "
                + "'LEAVE_CONSORTIUM'").query(Long.class).single());
        verify(deployments).operate(eq("bank-admin"), eq(consortium), eq("LEAVE_CONSORTIUM"), any());
        // the leaving organisation signs first (it submits), every other one of the channel after it
        verify(changes).removeOrganization(eq(trade), eq(bank), eq(List.of(bank, lead)), any());
        verify(deployments).removeOrganizationNodes(any(), eq(consortium), eq(bank), eq("bank-admin"));
        verify(consortia).leave(consortium, bank, "bank-admin", "left on its own, proposal " + left.id());
        verify(deployments).replaceTrustedRoots(any(), eq(consortium));
        assertThat(steps).contains("Remove organisation " + bank + " from the consortium");
        ChannelProposal withdrawn = proposals.get(pending);
        assertThat(withdrawn.status()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.note()).isEqualTo(ProposalNotes.withdrawn(bank, left.id()));
    }

    @Test
    void its_channel_proposals_made_before_the_leave_are_withdrawn_once_it_left() {
        ChannelRecord trade = stored("trade", List.of(lead, bank));
        ChannelRecord internal = stored("internal", List.of(lead));
        when(channels.ofConsortium(consortium)).thenReturn(List.of(trade, internal));
        when(channels.peers(trade)).thenReturn(List.of(node(1, lead), node(2, bank)));
        long takeOut = channelProposal(trade, bank, "REMOVE_ORGANIZATION", "PENDING");
        long addFailed = channelProposal(internal, bank, "ADD_ORGANIZATION", "FAILED");
        long applied = channelProposal(internal, bank, "REMOVE_ORGANIZATION", "APPLIED");
        long otherOrganization = channelProposal(trade, lead, "REMOVE_ORGANIZATION", "PENDING");

        ChannelProposal left = execution.leave(bankAdmin, consortium, bank);

        assertThat(left.status()).as(left.note()).isEqualTo("APPLIED");
        // nobody votes on, or applies, a change of the channels of an organisation that is no longer a member
        for (long moot : List.of(takeOut, addFailed)) {
            ChannelProposal withdrawn = proposals.get(moot);
            assertThat(withdrawn.status()).as("proposal %s (%s)", moot, withdrawn.kind()).isEqualTo("WITHDRAWN");
            assertThat(withdrawn.note()).isEqualTo(ProposalNotes.withdrawn(bank, left.id()));
        }
        assertThat(proposals.get(applied).status()).as("what happened stays").isEqualTo("APPLIED");
        assertThat(proposals.get(otherOrganization).status()).as("another organisation's").isEqualTo("PENDING");
    }

    @Test
    void its_channel_proposals_made_before_it_was_voted_out_are_withdrawn_once_the_removal_applied() {
        Caller leadAdmin = new Caller(1, "lead-admin", null, lead, OrganizationRole.ADMIN);
        ChannelRecord trade = stored("trade", List.of(lead, bank));
        ChannelRecord internal = stored("internal", List.of(lead));
        when(channels.ofConsortium(consortium)).thenReturn(List.of(trade, internal));
        long takeOut = channelProposal(trade, bank, "REMOVE_ORGANIZATION", "PENDING");
        long addWaiting = channelProposal(internal, bank, "ADD_ORGANIZATION", "APPROVED");
        long addFailed = channelProposal(internal, bank, "ADD_ORGANIZATION", "FAILED");
        long applied = channelProposal(internal, bank, "REMOVE_ORGANIZATION", "APPLIED");
        long otherOrganization = channelProposal(trade, lead, "REMOVE_ORGANIZATION", "PENDING");
        long removal = removal("APPROVED");

        ChannelProposal removed = execution.apply(leadAdmin, removal);

        assertThat(removed.status()).as(removed.note()).isEqualTo("APPLIED");
        // voted out, not left: the note said "left the consortium" (found by a tester)
        assertThat(removed.note()).isEqualTo(ProposalNotes.votedOut(bank));
        verify(consortia).leave(consortium, bank, "lead-admin", "proposal " + removal);
        // nobody votes on, or applies, a change of the channels of an organisation that is no longer a member
        for (long moot : List.of(takeOut, addWaiting, addFailed)) {
            ChannelProposal withdrawn = proposals.get(moot);
            assertThat(withdrawn.status()).as("proposal %s (%s)", moot, withdrawn.kind()).isEqualTo("WITHDRAWN");
            assertThat(withdrawn.note()).isEqualTo(ProposalNotes.withdrawnByVote(bank, removal));
        }
        assertThat(proposals.get(applied).status()).as("what happened stays").isEqualTo("APPLIED");
        assertThat(proposals.get(otherOrganization).status()).as("another organisation's").isEqualTo("PENDING");
    }

    @Test
    void its_leave_is_followed_by_the_organisation_s_admins_after_it_left_and_by_nobody_else() {
        long pending = removal("PENDING");
        ChannelProposal left = execution.leave(bankAdmin, consortium, bank);

        // no longer a member, its admin still reads how the leave ended
        assertThat(proposals.leaveOf(bankAdmin, left.id()).status()).isEqualTo("APPLIED");
        Caller platformAdmin = new Caller(9, "admin", PlatformRole.ADMIN, null, null);
        assertThat(proposals.leaveOf(platformAdmin, left.id()).id()).isEqualTo(left.id());
        Caller leadAdmin = new Caller(1, "lead-admin", null, lead, OrganizationRole.ADMIN);
        Caller bankUser = new Caller(3, "bank-user", null, bank, OrganizationRole.MEMBER);
        for (Caller caller : List.of(leadAdmin, bankUser)) {
            PlatformException refused = catchThrowableOfType(PlatformException.class,
                    () -> proposals.leaveOf(caller, left.id()));
            assertThat(refused.status()).as(caller.username()).isEqualTo(HttpStatus.NOT_FOUND);
        }
        PlatformException notALeave = catchThrowableOfType(PlatformException.class,
                () -> proposals.leaveOf(bankAdmin, pending));
        assertThat(notALeave.status()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void a_platform_admin_may_take_it_out_an_admin_of_another_organisation_may_not() {
        Caller leadAdmin = new Caller(1, "lead-admin", null, lead, OrganizationRole.ADMIN);
        Caller bankUser = new Caller(3, "bank-user", null, bank, OrganizationRole.MEMBER);
        for (Caller caller : List.of(leadAdmin, bankUser)) {
            PlatformException refused = catchThrowableOfType(PlatformException.class,
                    () -> execution.leave(caller, consortium, bank));
            assertThat(refused.status()).as(caller.username()).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(count()).isZero();
        Caller platformAdmin = new Caller(9, "admin", PlatformRole.ADMIN, null, null);
        assertThat(execution.leave(platformAdmin, consortium, bank).status()).isEqualTo("APPLIED");
    }

    @Test
    void the_leader_and_a_non_member_are_refused() {
        Caller leadAdmin = new Caller(1, "lead-admin", null, lead, OrganizationRole.ADMIN);
        assertRefused(leadAdmin, lead, "leads consortium", "delete the consortium");
        // not a member: the consortium is not theirs to see, the same 404 as a consortium that does not exist
        Caller outsiderAdmin = new Caller(4, "outsider-admin", null, outsider, OrganizationRole.ADMIN);
        assertRefused(HttpStatus.NOT_FOUND, outsiderAdmin, outsider, "Consortium " + consortium + " does not exist");
    }

    @Test
    void the_only_organisation_or_the_only_nodes_of_a_channel_are_refused_with_what_to_do() {
        ChannelRecord solo = channel(1, "solo", List.of(bank));
        when(channels.ofConsortium(consortium)).thenReturn(List.of(solo));
        assertRefused(bankAdmin, bank, "is the only organisation of channel solo",
                "ask the consortium leader to add another organisation to channel solo first, then leave");

        ChannelRecord trade = channel(2, "trade", List.of(lead, bank));
        when(channels.ofConsortium(consortium)).thenReturn(List.of(trade));
        when(channels.peers(trade)).thenReturn(List.of(node(2, bank)));
        assertRefused(bankAdmin, bank, "Every node of channel trade belongs to organisation " + bank,
                "add a node to it first, then leave");
    }

    @Test
    void a_removal_already_under_way_is_refused_and_a_failed_leave_is_applied_again() {
        for (String status : List.of("APPROVED", "APPLYING")) {
            long removal = removal(status);
            assertRefused(bankAdmin, bank, "already under way (proposal " + removal + ", " + status + ")");
            jdbc.sql("delete from channel_proposals").update();
        }

        org.mockito.Mockito.doThrow(PlatformException.conflict("Another deployment of consortium " + consortium
                + " is running")).when(deployments).operate(anyString(), anyLong(), anyString(), any());
        PlatformException busy = catchThrowableOfType(PlatformException.class,
                () -> execution.leave(bankAdmin, consortium, bank));
        assertThat(busy.status()).isEqualTo(HttpStatus.CONFLICT);
        ChannelProposal failed = proposals.ofConsortium(bankAdmin, consortium).get(0);
        assertThat(failed.status()).as("not left APPROVED, under way for ever").isEqualTo("FAILED");

        reset();
        ChannelProposal again = execution.leave(bankAdmin, consortium, bank);
        assertThat(again.id()).as("the failed leave, applied again").isEqualTo(failed.id());
        assertThat(again.status()).isEqualTo("APPLIED");
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void a_channel_change_of_the_organisation_approved_or_being_applied_is_refused_naming_it() {
        ChannelRecord trade = stored("trade", List.of(lead, bank));
        ChannelRecord internal = stored("internal", List.of(lead));
        when(channels.ofConsortium(consortium)).thenReturn(List.of(trade, internal));
        when(channels.peers(trade)).thenReturn(List.of(node(1, lead), node(2, bank)));
        // both would change the same channel's configuration the leave changes, at the same time
        for (String status : List.of("APPROVED", "APPLYING")) {
            long takeOut = channelProposal(trade, bank, "REMOVE_ORGANIZATION", status);
            assertRefused(bankAdmin, bank, "proposal " + takeOut + ", REMOVE_ORGANIZATION of organisation " + bank
                    + " on channel trade, is " + status, "leave once it ended");
            jdbc.sql("delete from channel_proposals").update();
            long add = channelProposal(internal, bank, "ADD_ORGANIZATION", status);
            assertRefused(bankAdmin, bank, "proposal " + add + ", ADD_ORGANIZATION of organisation " + bank
                    + " on channel internal, is " + status, "leave once it ended");
            jdbc.sql("delete from channel_proposals").update();
        }
        // another organisation's change of the channel is no reason
        channelProposal(internal, outsider, "ADD_ORGANIZATION", "APPLYING");
        assertThat(execution.leave(bankAdmin, consortium, bank).status()).isEqualTo("APPLIED");
    }

    @Test
    void a_leave_is_refused_before_anything_is_recorded_while_the_network_is_stopped_or_another_operation_runs() {
        ChannelRecord trade = channel(1, "trade", List.of(lead, bank));
        when(channels.ofConsortium(consortium)).thenReturn(List.of(trade));
        when(channels.peers(trade)).thenReturn(List.of(node(1, lead), node(2, bank)));
        when(consortia.get(consortium)).thenReturn(new Consortium(consortium, "c", SchemeChoice.ECDSA_P256, 1,
                "RAFT", "LOCAL", lead, ConsortiumStatus.STOPPED, 0));
        assertRefused(bankAdmin, bank, "is STOPPED", "start it, then leave again");

        when(consortia.get(consortium)).thenReturn(new Consortium(consortium, "c", SchemeChoice.ECDSA_P256, 1,
                "RAFT", "LOCAL", lead, ConsortiumStatus.RUNNING, 0));
        when(deployments.isBusy(consortium)).thenReturn(true);
        assertRefused(bankAdmin, bank, "Another operation of consortium " + consortium + " is running");
    }

    @Test
    void a_removal_of_the_organisation_is_refused_while_its_leave_runs_naming_the_leave() {
        Caller leadAdmin = new Caller(1, "lead-admin", null, lead, OrganizationRole.ADMIN);
        Consortium running = consortia.get(consortium);
        when(channels.requireCreator(leadAdmin, consortium)).thenReturn(running);
        List<PlatformException> refusals = new ArrayList<>();
        List<String> during = new ArrayList<>();
        whileAnOperationRuns(() -> {
            // the leader proposes to vote it out while the leave is APPLYING
            refusals.add(catchThrowableOfType(PlatformException.class,
                    () -> proposals.proposeRemoval(leadAdmin, consortium, bank)));
            during.addAll(jdbc.sql("select kind || ':' || status from channel_proposals order by id")
                    .query(String.class).list());
        });

        ChannelProposal left = execution.leave(bankAdmin, consortium, bank);

        assertThat(refusals).hasSize(1);
        PlatformException refused = refusals.get(0);
        assertThat(refused).as("refused while the leave runs").isNotNull();
        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getMessage()).contains("Organisation " + bank + " is leaving consortium " + consortium
                + " on its own (proposal " + left.id() + ", APPLYING)");
        assertThat(during).as("nothing recorded").containsExactly("LEAVE_CONSORTIUM:APPLYING");
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void a_channel_change_of_the_organisation_is_refused_while_its_leave_runs_naming_the_leave() {
        Caller leadAdmin = new Caller(1, "lead-admin", null, lead, OrganizationRole.ADMIN);
        Consortium running = consortia.get(consortium);
        when(channels.requireCreator(leadAdmin, consortium)).thenReturn(running);
        ChannelRecord trade = stored("trade", List.of(lead, bank));
        ChannelRecord internal = stored("internal", List.of(lead));
        when(channels.require(consortium, "trade")).thenReturn(trade);
        when(channels.require(consortium, "internal")).thenReturn(internal);
        when(channels.peers(trade)).thenReturn(List.of(node(1, lead), node(2, bank)));
        List<PlatformException> refusals = new ArrayList<>();
        List<String> during = new ArrayList<>();
        whileAnOperationRuns(() -> {
            // the leader proposes to take it out of a channel, or to add it to another, while the leave is APPLYING
            refusals.add(catchThrowableOfType(PlatformException.class, () -> proposals.propose(leadAdmin,
                    consortium, "trade", bank, ProposalKind.REMOVE_ORGANIZATION)));
            refusals.add(catchThrowableOfType(PlatformException.class, () -> proposals.propose(leadAdmin,
                    consortium, "internal", bank, ProposalKind.ADD_ORGANIZATION)));
            during.addAll(jdbc.sql("select kind || ':' || status from channel_proposals order by id")
                    .query(String.class).list());
        });

        ChannelProposal left = execution.leave(bankAdmin, consortium, bank);

        assertRefusedNamingTheLeave(refusals, left);
        assertThat(during).as("nothing recorded").containsExactly("LEAVE_CONSORTIUM:APPLYING");
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void a_vote_on_a_proposal_about_the_organisation_is_refused_while_its_leave_runs_naming_the_leave() {
        Caller leadAdmin = new Caller(1, "lead-admin", null, lead, OrganizationRole.ADMIN);
        ChannelRecord trade = stored("trade", List.of(lead, bank));
        when(channels.ofConsortium(consortium)).thenReturn(List.of(trade));
        when(channels.byId(trade.id())).thenReturn(Optional.of(trade));
        when(channels.peers(trade)).thenReturn(List.of(node(1, lead), node(2, bank)));
        when(consortia.memberIds(consortium)).thenReturn(List.of(lead, bank));
        jdbc.sql("insert into channel_members (channel_id, organization_id) values (?, ?)").params(trade.id(), lead)
                .update();
        jdbc.sql("insert into consortium_members (consortium_id, organization_id, joined_at) values (?, ?, 0)")
                .params(consortium, lead).update();
        long takeOut = channelProposal(trade, bank, "REMOVE_ORGANIZATION", "PENDING");
        long removal = removal("PENDING");
        long otherOrganization = channelProposal(trade, outsider, "ADD_ORGANIZATION", "PENDING");
        assertThat(proposals.awaitingVote(leadAdmin)).as("before the leave").extracting(ChannelProposal::id)
                .containsExactly(takeOut, removal, otherOrganization);
        List<PlatformException> refusals = new ArrayList<>();
        List<String> during = new ArrayList<>();
        whileAnOperationRuns(() -> {
            // the leader votes on taking it out of a channel, or out of the consortium, while the leave is APPLYING
            for (long pending : List.of(takeOut, removal)) {
                refusals.add(catchThrowableOfType(PlatformException.class,
                        () -> proposals.vote(leadAdmin, pending, true)));
            }
            during.addAll(jdbc.sql("select p.kind || ':' || p.status || ':' || (select count(*) from channel_votes v "
                    + "where v.proposal_id = p.id) from channel_proposals p where p.id in (?, ?) order by p.id")
                    .params(takeOut, removal).query(String.class).list());
            // nor are they listed as awaiting its vote; another organisation's is, and is voted on as before
            assertThat(proposals.awaitingVote(leadAdmin)).extracting(ChannelProposal::id)
                    .containsExactly(otherOrganization);
            assertThat(proposals.leavesUnderWay(consortium)).containsOnlyKeys(bank);
            assertThat(proposals.vote(leadAdmin, otherOrganization, true).votes()).hasSize(1);
        });

        ChannelProposal left = execution.leave(bankAdmin, consortium, bank);

        assertRefusedNamingTheLeave(refusals, left, "withdraws proposal");
        assertThat(during).as("nothing recorded")
                .containsExactly("REMOVE_ORGANIZATION:PENDING:0", "REMOVE_MEMBER:PENDING:0");
        for (long moot : List.of(takeOut, removal)) {
            assertThat(proposals.get(moot).status()).as("withdrawn by the leave").isEqualTo("WITHDRAWN");
            assertThat(proposals.get(moot).votes()).isEmpty();
        }
    }

    @Test
    void a_vote_is_refused_as_soon_as_the_leave_is_approved_before_it_is_applied() {
        Caller leadAdmin = new Caller(1, "lead-admin", null, lead, OrganizationRole.ADMIN);
        ChannelRecord trade = stored("trade", List.of(lead, bank));
        when(channels.byId(trade.id())).thenReturn(Optional.of(trade));
        long takeOut = channelProposal(trade, bank, "REMOVE_ORGANIZATION", "PENDING");
        jdbc.sql("insert into channel_proposals (consortium_id, channel_id, organization_id, kind, proposed_by, "
                + "policy, status, created_at) values (?, null, ?, 'LEAVE_CONSORTIUM', 'bank-admin', 'NONE', "
                + "'APPROVED', 0)").params(consortium, bank).update();
        long leave = jdbc.sql("select max(id) from channel_proposals").query(Long.class).single();

        PlatformException refused = catchThrowableOfType(PlatformException.class,
                () -> proposals.vote(leadAdmin, takeOut, false));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getMessage()).contains("(proposal " + leave + ", APPROVED)");
        assertThat(proposals.get(takeOut).status()).isEqualTo("PENDING");
        assertThat(proposals.get(takeOut).votes()).as("nothing recorded").isEmpty();
    }

    private void reset() {
        org.mockito.Mockito.reset(deployments);
        whileAnOperationRuns(() -> { });
    }

    /** Two refusals, each a 409 that names the organisation's running leave (and says {@code also}). */
    private void assertRefusedNamingTheLeave(List<PlatformException> refusals, ChannelProposal leave, String... also) {
        List<String> said = new ArrayList<>(List.of(also));
        said.add("Organisation " + bank + " is leaving consortium " + consortium + " on its own (proposal "
                + leave.id() + ", APPLYING)");
        assertThat(refusals).hasSize(2);
        for (PlatformException refused : refusals) {
            assertThat(refused).as("refused while the leave runs").isNotNull();
            assertThat(refused.status()).as(refused.getMessage()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(refused.getMessage()).contains(said);
        }
    }

    /** Every operation runs {@code first} (the operation APPLYING), then its work. */
    private void whileAnOperationRuns(Runnable first) {
        org.mockito.Mockito.doAnswer(call -> {
            first.run();
            ((NodeOperation) call.getArgument(3)).run(new DeploymentSteps() {
                @Override
                public <T> T step(String name, String nodeId, Supplier<T> work) {
                    return work.get();
                }
            });
            return operation(call.getArgument(2), call.getArgument(0));
        }).when(deployments).operate(anyString(), anyLong(), anyString(), any());
    }

    private void assertRefused(Caller caller, long organization, String... detail) {
        assertRefused(HttpStatus.CONFLICT, caller, organization, detail);
    }

    private void assertRefused(HttpStatus status, Caller caller, long organization, String... detail) {
        List<String> before = jdbc.sql("select id || ':' || status from channel_proposals order by id")
                .query(String.class).list();
        PlatformException refused = catchThrowableOfType(PlatformException.class,
                () -> execution.leave(caller, consortium, organization));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.status()).as(refused.getMessage()).isEqualTo(status);
        assertThat(refused.getMessage()).contains(detail);
        assertThat(jdbc.sql("select id || ':' || status from channel_proposals order by id").query(String.class)
                .list()).as("nothing changed").isEqualTo(before);
        verify(consortia, org.mockito.Mockito.never()).leave(anyLong(), anyLong(), anyString(), anyString());
    }

    private long removal(String status) {
        jdbc.sql("insert into channel_proposals (consortium_id, channel_id, organization_id, kind, proposed_by, "
                        + "policy, status, created_at) values (?, null, ?, 'REMOVE_MEMBER', 'lead-admin', "
                        + "'MAJORITY', ?, 0)").params(consortium, bank, status).update();
        return jdbc.sql("select max(id) from channel_proposals").query(Long.class).single();
    }

    private long channelProposal(ChannelRecord channel, long organization, String kind, String status) {
        jdbc.sql("insert into channel_proposals (consortium_id, channel_id, organization_id, kind, proposed_by, "
                        + "policy, status, created_at) values (?, ?, ?, ?, 'lead-admin', 'MAJORITY', ?, 0)")
                .params(consortium, channel.id(), organization, kind, status).update();
        return jdbc.sql("select max(id) from channel_proposals").query(Long.class).single();
    }

    /** The operation's record, as DeploymentService keeps it (the proposal refers to it). */
    private Deployment operation(String action, String requestedBy) {
        jdbc.sql("insert into deployments (consortium_id, action, status, requested_by, started_at, finished_at) "
                + "values (?, ?, 'SUCCEEDED', ?, 0, 0)").params(consortium, action, requestedBy).update();
        long id = jdbc.sql("select max(id) from deployments").query(Long.class).single();
        return new Deployment(id, consortium, action, "SUCCEEDED", null, requestedBy, 0, 0L, List.of());
    }

    private long count() {
        return jdbc.sql("select count(*) from channel_proposals").query(Long.class).single();
    }

    private ChannelRecord channel(long id, String name, List<Long> organizations) {
        return new ChannelRecord(id, consortium, name, "ACTIVE", null, organizations, 0);
    }

    /** A channel with its row, for a proposal that refers to it. */
    private ChannelRecord stored(String name, List<Long> organizations) {
        jdbc.sql("insert into channels (consortium_id, name, status, created_at) values (?, ?, 'ACTIVE', 0)")
                .params(consortium, name).update();
        return channel(jdbc.sql("select max(id) from channels").query(Long.class).single(), name, organizations);
    }

    private NodeRecord node(long id, long organization) {
        return new NodeRecord(id, "c1-n" + id, consortium, organization, "127.0.0.1", 7000 + (int) id,
                8000 + (int) id, 9000 + (int) id, "/tmp/n" + id, "RUNNING", NodeStatus.RUNNING, null, 0, null, 0);
    }
}
