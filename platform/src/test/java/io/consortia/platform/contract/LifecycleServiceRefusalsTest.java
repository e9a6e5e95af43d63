package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.Approval;
import io.consortia.protocol.v1.ProposalStatus;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.Lifecycle;
import io.grpc.Status;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The platform's own checks before a lifecycle step or a call answer what the nodes would: the documented
 * problem (409 {@code contract-rejected} for a step that does not apply, 404 for a contract never proposed) with
 * the node's validation code, not a generic 409 {@code conflict}.
 */
class LifecycleServiceRefusalsTest {
    private static final String DIGEST = "ab12" + "0".repeat(60);

    private final LifecycleServiceFixture fixture = new LifecycleServiceFixture();
    private final ContractProposals proposals = fixture.proposals;
    private final Lifecycle lifecycle = fixture.lifecycle;
    private final LifecycleService service = fixture.service;
    private final Caller bob = fixture.bob;

    @BeforeEach
    void channel() {
        when(lifecycle.definitions()).thenReturn(List.of());
        when(lifecycle.proposal(anyString(), anyLong(), anyString())).thenThrow(new GatewayException(
                "Evaluate of _lifecycle.proposal failed", Status.NOT_FOUND.withDescription("proposal: no proposal")
                        .asRuntimeException()));
    }

    @Test
    void freezing_or_calling_a_contract_never_proposed_is_404_unknown_contract() {
        assertRefused(() -> service.changeStatus(bob, 1, "main", "ghost", "FREEZE"), HttpStatus.NOT_FOUND,
                "not-found", "UNKNOWN_CONTRACT");
        assertRefused(() -> service.invoke(bob, 1, "main", "ghost", "get", List.of("a")), HttpStatus.NOT_FOUND,
                "not-found", "UNKNOWN_CONTRACT");
        verify(lifecycle, never()).freeze(anyString());
    }

    @Test
    void approving_or_committing_a_contract_never_proposed_is_404() {
        assertRefused(() -> service.approve(bob, 1, "main", "ghost", 1, DIGEST), HttpStatus.NOT_FOUND, "not-found",
                null);
        assertRefused(() -> service.commit(bob, 1, "main", "ghost", 1, DIGEST), HttpStatus.NOT_FOUND, "not-found",
                null);
    }

    @Test
    void a_step_on_a_proposed_contract_not_committed_yet_is_the_nodes_verdict() {
        when(proposals.ofContract(1, "main", "counter")).thenReturn(List.of(new ContractProposals.Row(9, 1, "main",
                "counter", 1, DIGEST, "PROPOSE", 5L, "bob", 12, 1, ContractProposals.OPEN)));
        assertRefused(() -> service.changeStatus(bob, 1, "main", "counter", "FREEZE"), HttpStatus.CONFLICT,
                "contract-rejected", "LIFECYCLE_INVALID");
        assertRefused(() -> service.invoke(bob, 1, "main", "counter", "get", List.of("a")), HttpStatus.CONFLICT,
                "contract-rejected", "CONTRACT_NOT_COMMITTED");
    }

    @Test
    void a_second_approval_and_a_commit_short_of_approvals_name_the_nodes_codes() {
        ProposalStatus approvedByBankB = ProposalStatus.newBuilder().setDigest(DIGEST).setRequired(2)
                .addApprovals(Approval.newBuilder().setOrganization("bank-b").setTransactionId("tx1")).build();
        Lifecycle approved = lifecycle;
        org.mockito.Mockito.doReturn(approvedByBankB).when(approved).proposal("counter", 1, DIGEST);

        assertRefused(() -> service.approve(bob, 1, "main", "counter", 1, DIGEST), HttpStatus.CONFLICT,
                "contract-rejected", "LIFECYCLE_ALREADY_APPROVED");
        assertRefused(() -> service.commit(bob, 1, "main", "counter", 1, DIGEST), HttpStatus.CONFLICT,
                "contract-rejected", "LIFECYCLE_POLICY_NOT_MET");
        verify(lifecycle, never()).approve(anyString(), anyLong(), anyString());
        verify(lifecycle, never()).commit(anyString(), anyLong(), anyString());
    }

    @Test
    void unfreezing_an_active_contract_or_freezing_a_frozen_one_is_409_and_proposes_nothing() {
        // an unfreeze of an ACTIVE contract was a SUCCEEDED operation proposing sequence 2 with status ACTIVE
        when(lifecycle.definitions()).thenReturn(List.of(inForce(io.consortia.protocol.v1.ContractStatus.ACTIVE)));
        assertRefused(() -> service.changeStatus(bob, 1, "main", "misc", "UNFREEZE"), HttpStatus.CONFLICT,
                "conflict", null);
        assertThat(catchThrowableOfType(() -> service.changeStatus(bob, 1, "main", "misc", "UNFREEZE"),
                PlatformException.class)).hasMessageContaining("misc is already active");

        when(lifecycle.definitions()).thenReturn(List.of(inForce(io.consortia.protocol.v1.ContractStatus.FROZEN)));
        assertThat(catchThrowableOfType(() -> service.changeStatus(bob, 1, "main", "misc", "FREEZE"),
                PlatformException.class)).hasMessageContaining("misc is already frozen")
                .extracting(PlatformException::status).isEqualTo(HttpStatus.CONFLICT);

        verify(lifecycle, never()).unfreeze(anyString());
        verify(lifecycle, never()).freeze(anyString());
        verify(proposals, never()).insert(anyLong(), anyString(), anyString(), anyLong(), anyString(), anyString(),
                org.mockito.ArgumentMatchers.any(), anyString(), anyLong());
    }

    private static io.consortia.protocol.v1.LifecycleRecord inForce(io.consortia.protocol.v1.ContractStatus status) {
        return io.consortia.protocol.v1.LifecycleRecord.newBuilder().setDigest(DIGEST).setDefinition(
                io.consortia.protocol.v1.ContractDefinition.newBuilder().setName("misc").setVersion("1.0")
                        .setSequence(1).setStatus(status)).build();
    }

    private static void assertRefused(ThrowingCallable step, HttpStatus status, String type, String code) {
        PlatformException refused = catchThrowableOfType(step, PlatformException.class);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.status()).as(refused.getMessage()).isEqualTo(status);
        assertThat(refused.type()).as(refused.getMessage()).isEqualTo(type);
        if (code != null) {
            assertThat(refused.code()).as(refused.getMessage()).contains(code);
            assertThat(refused.getMessage()).contains(code);
        }
    }
}
