package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.RecordedOperations;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.protocol.v1.Approval;
import io.consortia.protocol.v1.ProposalStatus;
import io.consortia.sdk.Lifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The step "Approve for h2-li-org" showed a bare "1" or "2" as its detail, on the contract's page and
 * on the deployments' progress: it says what the number is, in the reader's language.
 */
class LifecycleServiceApproveStepTest {
    private static final String DIGEST = "ab12" + "0".repeat(60);

    @Test
    @SuppressWarnings("unchecked")
    void an_approval_step_s_detail_says_how_many_approvals_of_how_many_needed() {
        ContractService contracts = mock(ContractService.class);
        ContractProposals proposals = mock(ContractProposals.class);
        RecordedOperations recorded = mock(RecordedOperations.class);
        Lifecycle lifecycle = mock(Lifecycle.class);
        ContractService.Call call = mock(ContractService.Call.class);
        when(call.lifecycle()).thenReturn(lifecycle);
        when(contracts.asOrganizationAdmin(any(), anyLong(), anyString(), any()))
                .thenAnswer(i -> ((Function<ContractService.Call, Object>) i.getArgument(3)).apply(call));
        when(contracts.organizationName(1, 12L)).thenReturn("h2-zhao-org");
        when(proposals.find(1, "main", "counter", 1, DIGEST)).thenReturn(Optional.of(new ContractProposals.Row(9, 1,
                "main", "counter", 1, DIGEST, "PROPOSE", 5L, "li", 11, 1, ContractProposals.OPEN)));
        when(lifecycle.definitions()).thenReturn(List.of());
        when(lifecycle.proposal("counter", 1, DIGEST)).thenReturn(ProposalStatus.newBuilder().setDigest(DIGEST)
                .setRequired(2).addApprovals(Approval.newBuilder().setOrganization("h2-li-org")).build());
        when(lifecycle.approve("counter", 1, DIGEST)).thenReturn(2);
        List<String> details = new ArrayList<>();
        DeploymentSteps steps = new DeploymentSteps() {
            @Override
            public <T> T step(String name, String nodeId, java.util.function.Supplier<T> work) {
                T detail = work.get();
                details.add(name + " -> " + detail);
                return detail;
            }
        };
        when(recorded.start(anyLong(), anyString(), anyString(), anyString(), anyString())).thenReturn(3L);
        when(recorded.steps(3L)).thenReturn(steps);
        when(recorded.get(3L)).thenReturn(Optional.of(new RecordedOperations.Recorded(new Deployment(3, 1,
                "CONTRACT_APPROVE", "SUCCEEDED", null, "zhao", 0, 1L, List.of()), "main", "counter")));
        LifecycleService service = new LifecycleService(contracts, mock(ContractPackageService.class), proposals,
                new ContractOperations(recorded), mock(ChannelService.class), mock(ConsortiumService.class));

        ContractOperation approved = service.approve(new Caller(6, "zhao", null, 12L, OrganizationRole.ADMIN), 1,
                "main", "counter", 1, DIGEST);

        assertThat(details).containsExactly(
                "Approve for h2-zhao-org (signed by admin@h2-zhao-org) -> 2 of 2 approvals");
        assertThat(approved.result()).containsEntry("approvals", 2).containsEntry("required", 2);
        io.consortia.platform.deploy.DeploymentTexts texts = new io.consortia.platform.deploy.DeploymentTexts(
                io.consortia.platform.web.ConsoleTemplates.messages());
        assertThat(texts.text("2 of 2 approvals", Locale.SIMPLIFIED_CHINESE)).isEqualTo("已获 2 / 2 个批准");
    }
}
