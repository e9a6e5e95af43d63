package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.NodeRefusals;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.deploy.DeploymentSteps;
import io.consortia.platform.deploy.RecordedOperations;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.Approval;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.protocol.v1.ProposalStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Lifecycle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A double-clicked approve (or commit): two requests of the same organisation's admin at once. Both passed the
 * up-front checks while the first one's transaction was on its way, so the second one's transaction was refused on
 * chain (LIFECYCLE_ALREADY_APPROVED): its operation was recorded FAILED, which raised a CRITICAL DEPLOYMENT_FAILED
 * alert, and its 409 had no {@code code}. Here the first call's transaction is held (the "chain" applies it only
 * when released) while the second request comes in: the second must behave as a sequential repeat, a 409 with the
 * code, refused before any step (its operation discarded, none FAILED) and with no second transaction.
 */
class LifecycleServiceDoubleClickTest {
    private static final String DIGEST = "ab12" + "0".repeat(60);

    private final ContractService contracts = mock(ContractService.class);
    private final ContractProposals proposals = mock(ContractProposals.class);
    private final RecordedOperations recorded = mock(RecordedOperations.class);
    private final Lifecycle lifecycle = mock(Lifecycle.class);
    private final LifecycleService service = new LifecycleService(contracts, mock(ContractPackageService.class),
            proposals, new ContractOperations(recorded), mock(ChannelService.class), mock(ConsortiumService.class),
            Duration.ofSeconds(30));
    private final Caller bob = new Caller(5, "bob", null, 12L, OrganizationRole.ADMIN);
    /** The proposal as the chain holds it: approved by bank-a so far, 2 approvals needed. */
    private final AtomicReference<ProposalStatus> onChain = new AtomicReference<>(ProposalStatus.newBuilder()
            .setDigest(DIGEST).setRequired(2).addApprovals(Approval.newBuilder().setOrganization("bank-a")
                    .setTransactionId("tx0")).build());
    private final AtomicReference<List<LifecycleRecord>> definitions = new AtomicReference<>(List.of());
    private final CountDownLatch firstSent = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger sent = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @SuppressWarnings("unchecked")
    LifecycleServiceDoubleClickTest() {
        ContractService.Call call = mock(ContractService.Call.class);
        when(call.lifecycle()).thenReturn(lifecycle);
        when(contracts.asOrganizationAdmin(any(), anyLong(), anyString(), any()))
                .thenAnswer(i -> ((Function<ContractService.Call, Object>) i.getArgument(3)).apply(call));
        when(contracts.organizationName(1, 12L)).thenReturn("bank-b");
        when(proposals.find(1, "main", "counter", 1, DIGEST)).thenReturn(Optional.of(new ContractProposals.Row(9, 1,
                "main", "counter", 1, DIGEST, "PROPOSE", 5L, "alice", 11, 1, ContractProposals.OPEN)));
        when(lifecycle.definitions()).thenAnswer(i -> definitions.get());
        when(lifecycle.history("counter")).thenAnswer(i -> definitions.get());
        when(lifecycle.proposal("counter", 1, DIGEST)).thenAnswer(i -> onChain.get());
        AtomicLong ids = new AtomicLong();
        when(recorded.start(anyLong(), anyString(), anyString(), anyString(), anyString()))
                .thenAnswer(i -> ids.incrementAndGet());
        when(recorded.steps(anyLong())).thenReturn(new DeploymentSteps() {
            @Override
            public <T> T step(String name, String nodeId, java.util.function.Supplier<T> work) {
                return work.get();
            }
        });
        when(recorded.get(anyLong())).thenAnswer(i -> Optional.of(new RecordedOperations.Recorded(new Deployment(
                i.getArgument(0), 1, "CONTRACT_APPROVE", "SUCCEEDED", null, "bob", 0, 1L, List.of()), "main",
                "counter")));
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void a_second_approval_sent_while_the_first_is_on_its_way_is_the_sequential_409_and_records_nothing()
            throws Exception {
        when(lifecycle.approve("counter", 1, DIGEST)).thenAnswer(i -> {
            if (sent.incrementAndGet() > 1) { // what the chain does with the second transaction
                release.await(10, TimeUnit.SECONDS);
                throw NodeRefusals.foreseen(ValidationCode.LIFECYCLE_ALREADY_APPROVED, "approve: organization"
                        + " 'bank-b' already approved this proposal");
            }
            firstSent.countDown();
            release.await(10, TimeUnit.SECONDS);
            onChain.set(onChain.get().toBuilder().addApprovals(Approval.newBuilder().setOrganization("bank-b")
                    .setTransactionId("tx1")).build());
            return 2;
        });

        PlatformException second = doubleClick(() -> service.approve(bob, 1, "main", "counter", 1, DIGEST));

        assertThat(second.code()).as(second.getMessage()).contains("LIFECYCLE_ALREADY_APPROVED");
        assertThat(second.getMessage()).doesNotContain("Operation ");
        verify(lifecycle, times(1)).approve("counter", 1, DIGEST);
        verify(recorded, never()).failed(anyLong(), any());
        verify(recorded, times(1)).discard(anyLong());
    }

    @Test
    void a_second_commit_sent_while_the_first_is_on_its_way_is_a_409_with_the_code_and_records_nothing()
            throws Exception {
        onChain.set(onChain.get().toBuilder().addApprovals(Approval.newBuilder().setOrganization("bank-b")).build());
        LifecycleRecord committed = LifecycleRecord.newBuilder().setDigest(DIGEST).setDefinition(
                ContractDefinition.newBuilder().setName("counter").setVersion("1.0").setSequence(1)).build();
        when(lifecycle.commit("counter", 1, DIGEST)).thenAnswer(i -> {
            if (sent.incrementAndGet() > 1) {
                release.await(10, TimeUnit.SECONDS);
                throw NodeRefusals.foreseen(ValidationCode.LIFECYCLE_INVALID, "commit: proposal is already"
                        + " committed");
            }
            firstSent.countDown();
            release.await(10, TimeUnit.SECONDS);
            onChain.set(onChain.get().toBuilder().setCommitted(true).build());
            definitions.set(List.of(committed));
            return committed;
        });

        PlatformException second = doubleClick(() -> service.commit(bob, 1, "main", "counter", 1, DIGEST));

        assertThat(second.code()).as(second.getMessage()).contains("LIFECYCLE_INVALID");
        assertThat(second.getMessage()).contains("committed already").doesNotContain("Operation ");
        verify(lifecycle, times(1)).commit("counter", 1, DIGEST);
        verify(recorded, never()).failed(anyLong(), any());
        verify(recorded, times(1)).discard(anyLong());
    }

    /** Sends the first request, and the second while the first one's transaction is held; returns the second's refusal. */
    private PlatformException doubleClick(Callable<ContractOperation> request) throws Exception {
        Future<ContractOperation> first = threads.submit(request);
        assertThat(firstSent.await(10, TimeUnit.SECONDS)).as("first transaction sent").isTrue();
        Future<ContractOperation> second = threads.submit(request);
        Thread.sleep(300); // the second request is in: it waits for the first, or (the defect) sends its own
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isNotNull();
        try {
            second.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(PlatformException.class);
            PlatformException refused = (PlatformException) e.getCause();
            assertThat(refused.status().value()).as(refused.getMessage()).isEqualTo(409);
            return refused;
        }
        throw new AssertionError("the second request succeeded");
    }
}
