package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.Approval;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.protocol.v1.ProposalStatus;
import io.consortia.sdk.Lifecycle;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * tc#4: sequence 2 of counter was committed with digest af24..., so bob's other proposal for sequence 2 (digest
 * 250f...) is STALE: approving it could only fail on chain, committing it never succeed. Both are refused up front.
 */
class LifecycleServiceStaleTest {
    private static final String COMMITTED = "af24ad45" + "0".repeat(56);
    private static final String STALE = "250f5e34" + "0".repeat(56);

    private final LifecycleServiceFixture fixture = new LifecycleServiceFixture();
    private final ContractProposals proposals = fixture.proposals;
    private final Lifecycle lifecycle = fixture.lifecycle;
    private final LifecycleService service = fixture.service;
    private final Caller bob = fixture.bob;

    @BeforeEach
    void channel() {
        LifecycleRecord inForce = LifecycleRecord.newBuilder().setDigest(COMMITTED)
                .setDefinition(ContractDefinition.newBuilder().setName("counter").setSequence(2)).build();
        when(lifecycle.definitions()).thenReturn(List.of(inForce));
        when(lifecycle.history("counter")).thenReturn(List.of(inForce));
        when(proposals.find(eq(1L), eq("main"), eq("counter"), eq(2L), eq(STALE)))
                .thenReturn(Optional.of(new ContractProposals.Row(9, 1, "main", "counter", 2, STALE, "UPGRADE", 5L,
                        "bob", 12, 1, ContractProposals.STALE)));
        when(lifecycle.proposal("counter", 2, STALE)).thenReturn(ProposalStatus.newBuilder().setDigest(STALE)
                .setRequired(2).addApprovals(Approval.newBuilder().setOrganization("bank-b")).build());
    }

    @Test
    void approving_a_stale_proposal_is_refused_without_a_transaction() {
        when(fixture.contracts.organizationName(1, 12L)).thenReturn("bank-a"); // not approved by this organisation yet
        assertThatThrownBy(() -> service.approve(bob, 1, "main", "counter", 2, STALE))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("is stale: sequence 2 was committed with digest " + COMMITTED);
        verify(lifecycle, never()).approve(anyString(), anyLong(), anyString());
    }

    @Test
    void committing_a_stale_proposal_says_it_is_stale_not_that_it_lacks_approvals() {
        assertThatThrownBy(() -> service.commit(bob, 1, "main", "counter", 2, STALE))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("is stale: sequence 2 was committed with digest " + COMMITTED);
        verify(lifecycle, never()).commit(anyString(), anyLong(), anyString());
    }
}
