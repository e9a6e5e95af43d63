package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.RecordedOperations;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.Approval;
import io.consortia.protocol.v1.Decline;
import io.consortia.protocol.v1.ProposalStatus;
import io.consortia.sdk.Lifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * An organisation that disagreed with a proposal could only leave it unapproved: nobody learnt why and it waited
 * for ever in its "waiting for your approval" list. It declines with a reason; a proposal that can no longer
 * pass is refused a commit up front and waits for no one.
 */
class LifecycleServiceDeclineTest {
    private static final String DIGEST = "ab12" + "0".repeat(60);

    private final LifecycleServiceFixture fixture = new LifecycleServiceFixture();
    private final Lifecycle lifecycle = fixture.lifecycle;
    private final Caller bob = fixture.bob;

    @Test
    void a_decline_without_a_reason_or_with_a_long_one_is_a_400_naming_reason_and_sends_nothing() {
        for (String reason : java.util.Arrays.asList(null, "", "   ", "界".repeat(501))) {
            PlatformException refused = catchThrowableOfType(() -> fixture.service.decline(bob, 1, "main", "counter", 1,
                    DIGEST, reason), PlatformException.class);
            assertThat(refused).as(String.valueOf(reason)).isNotNull();
            assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.extensions().get("errors")).asList()
                    .singleElement().satisfies(e -> assertThat(((Map<?, ?>) e).get("field")).isEqualTo("reason"));
        }
        verify(fixture.operations, never()).run(anyLong(), anyString(), anyString(), anyString(), anyString(), any());
        verify(lifecycle, never()).decline(anyString(), anyLong(), anyString(), anyString());
        assertThat(LifecycleService.checkReason(" " + "界".repeat(500) + " ")).hasSize(500);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_decline_is_one_step_signed_for_the_organisation_with_its_reason() {
        ContractService contracts = mock(ContractService.class);
        RecordedOperations recorded = mock(RecordedOperations.class);
        ContractService.Call call = mock(ContractService.Call.class);
        when(call.lifecycle()).thenReturn(lifecycle);
        when(contracts.asOrganizationAdmin(any(), anyLong(), anyString(), any()))
                .thenAnswer(i -> ((Function<ContractService.Call, Object>) i.getArgument(3)).apply(call));
        when(contracts.organizationName(1, 12L)).thenReturn("bank-b");
        when(lifecycle.definitions()).thenReturn(List.of());
        when(lifecycle.proposal("counter", 1, DIGEST)).thenReturn(ProposalStatus.newBuilder().setDigest(DIGEST)
                .setRequired(2).addApprovals(Approval.newBuilder().setOrganization("bank-a")).build());
        when(lifecycle.decline("counter", 1, DIGEST, "fee too high")).thenReturn(1);
        List<String> steps = new ArrayList<>();
        when(recorded.start(anyLong(), anyString(), anyString(), anyString(), anyString())).thenReturn(3L);
        when(recorded.steps(3L)).thenReturn(new DeploymentSteps() {
            @Override
            public <T> T step(String name, String nodeId, java.util.function.Supplier<T> work) {
                T detail = work.get();
                steps.add(name + " -> " + detail);
                return detail;
            }
        });
        when(recorded.get(3L)).thenReturn(Optional.of(new RecordedOperations.Recorded(new Deployment(3, 1,
                "CONTRACT_DECLINE", "SUCCEEDED", null, "bob", 0, 1L, List.of()), "main", "counter")));
        LifecycleService service = new LifecycleService(contracts, mock(ContractPackageService.class),
                mock(ContractProposals.class), new ContractOperations(recorded), mock(ChannelService.class),
                mock(ConsortiumService.class));

        ContractOperation declined = service.decline(bob, 1, "main", "counter", 1, DIGEST, "  fee too high ");

        assertThat(steps).containsExactly("Decline for bank-b (signed by admin@bank-b) -> Reason: fee too high");
        assertThat(declined.result()).containsEntry("declines", 1).containsEntry("reason", "fee too high");
        verify(recorded).start(anyLong(), org.mockito.ArgumentMatchers.eq("CONTRACT_DECLINE"), anyString(), anyString(),
                anyString());
    }

    @Test
    void a_second_decline_and_a_decline_of_a_committed_proposal_are_refused_before_any_transaction() {
        when(lifecycle.definitions()).thenReturn(List.of());
        when(lifecycle.proposal("counter", 1, DIGEST)).thenReturn(ProposalStatus.newBuilder().setDigest(DIGEST)
                .addDeclines(Decline.newBuilder().setOrganization("bank-b").setTransactionId("tx9")).build());
        PlatformException again = catchThrowableOfType(() -> fixture.service.decline(bob, 1, "main", "counter", 1,
                DIGEST, "no"), PlatformException.class);
        assertThat(again.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getMessage()).contains("bank-b declined", "tx9");

        when(lifecycle.proposal("counter", 1, DIGEST)).thenReturn(ProposalStatus.newBuilder().setDigest(DIGEST)
                .setCommitted(true).build());
        PlatformException committed = catchThrowableOfType(() -> fixture.service.decline(bob, 1, "main", "counter", 1,
                DIGEST, "no"), PlatformException.class);
        assertThat(committed.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(committed.getMessage()).contains("committed already");
        verify(lifecycle, never()).decline(anyString(), anyLong(), anyString(), anyString());
    }

    @Test
    void the_commit_of_a_proposal_that_can_no_longer_pass_is_refused_naming_who_declined() {
        when(lifecycle.definitions()).thenReturn(List.of());
        when(lifecycle.proposal("counter", 1, DIGEST)).thenReturn(ProposalStatus.newBuilder().setDigest(DIGEST)
                .setRequired(2).setDead(true)
                .addDeclines(Decline.newBuilder().setOrganization("bank-a"))
                .addDeclines(Decline.newBuilder().setOrganization("bank-c")).build());
        PlatformException refused = catchThrowableOfType(() -> fixture.service.commit(bob, 1, "main", "counter", 1,
                DIGEST), PlatformException.class);
        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.code()).contains("LIFECYCLE_POLICY_NOT_MET");
        assertThat(refused.getMessage()).contains("can no longer pass", "bank-a, bank-c");
        verify(lifecycle, never()).commit(anyString(), anyLong(), anyString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_waiting_list_leaves_out_proposals_the_organisation_declined_and_those_that_can_no_longer_pass() {
        ContractService contracts = mock(ContractService.class);
        ContractProposals proposals = mock(ContractProposals.class);
        ChannelService channels = mock(ChannelService.class);
        ContractService.Call call = mock(ContractService.Call.class);
        when(call.lifecycle()).thenReturn(lifecycle);
        when(contracts.asCaller(any(), anyLong(), anyString(), any()))
                .thenAnswer(i -> ((Function<ContractService.Call, Object>) i.getArgument(3)).apply(call));
        when(contracts.organizationName(1, 12L)).thenReturn("bank-b");
        when(channels.list(bob, 1)).thenReturn(List.of(new ChannelRecord(2, 1, "main", "ACTIVE", null,
                List.of(11L, 12L, 13L), 0)));
        List<ContractProposals.Row> open = new ArrayList<>();
        for (String contract : List.of("open", "declined", "dead")) {
            open.add(new ContractProposals.Row(open.size(), 1, "main", contract, 1, DIGEST, "PROPOSE", 5L, "ann", 11, 1,
                    ContractProposals.OPEN));
        }
        when(proposals.open(1, "main")).thenReturn(open);
        ProposalStatus.Builder status = ProposalStatus.newBuilder().setDigest(DIGEST).setRequired(2);
        when(lifecycle.proposal("open", 1, DIGEST)).thenReturn(status.build());
        when(lifecycle.proposal("declined", 1, DIGEST)).thenReturn(status.clone()
                .addDeclines(Decline.newBuilder().setOrganization("bank-b").setReason("no")).build());
        when(lifecycle.proposal("dead", 1, DIGEST)).thenReturn(status.clone().setDead(true)
                .addDeclines(Decline.newBuilder().setOrganization("bank-a").setReason("no"))
                .addDeclines(Decline.newBuilder().setOrganization("bank-c").setReason("no")).build());
        LifecycleService service = new LifecycleService(contracts, mock(ContractPackageService.class), proposals,
                mock(ContractOperations.class), channels, mock(ConsortiumService.class));

        assertThat(service.waitingFor(bob, 1)).extracting(LifecycleViews.Proposal::contract).containsExactly("open");
    }

    @Test
    void the_view_shows_each_decline_with_its_reason_and_whether_the_proposal_can_still_pass() {
        ContractProposals.Row row = new ContractProposals.Row(1, 1, "main", "counter", 1, DIGEST, "PROPOSE", 5L, "ann",
                11, 1, ContractProposals.OPEN);
        LifecycleViews.Proposal view = LifecycleViews.proposal(row, ProposalStatus.newBuilder().setDigest(DIGEST)
                .setRequired(3).setDead(true).addDeclines(Decline.newBuilder().setOrganization("bank-b")
                        .setApprover("admin").setReason("版本号不对").setTransactionId("tx5")).build());
        assertThat(view.declines()).containsExactly(new LifecycleViews.DeclineView("bank-b", "admin", "版本号不对", "tx5"));
        assertThat(view.canStillPass()).isFalse();
        assertThat(LifecycleViews.proposal(row, ProposalStatus.getDefaultInstance()).canStillPass()).isTrue();
    }
}
