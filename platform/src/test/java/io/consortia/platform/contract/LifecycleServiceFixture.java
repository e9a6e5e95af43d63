package io.consortia.platform.contract;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.sdk.Lifecycle;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link LifecycleService} over mocks, for its up-front checks: every channel call (as the
 * organisation's admin or as the caller) reaches {@link #lifecycle}, an operation is refused before
 * its first step, and the caller is bob, an admin of bank-b (organisation 12) in consortium 1.
 */
final class LifecycleServiceFixture {
    final ContractService contracts = mock(ContractService.class);
    final ContractProposals proposals = mock(ContractProposals.class);
    final ContractOperations operations = mock(ContractOperations.class);
    final Lifecycle lifecycle = mock(Lifecycle.class);
    final LifecycleService service = new LifecycleService(contracts, mock(ContractPackageService.class),
            proposals, operations, mock(ChannelService.class), mock(ConsortiumService.class));
    final Caller bob = new Caller(5, "bob", null, 12L, OrganizationRole.ADMIN);

    @SuppressWarnings("unchecked")
    LifecycleServiceFixture() {
        ContractService.Call call = mock(ContractService.Call.class);
        when(call.lifecycle()).thenReturn(lifecycle);
        when(contracts.asOrganizationAdmin(any(), anyLong(), anyString(), any()))
                .thenAnswer(i -> ((Function<ContractService.Call, Object>) i.getArgument(3)).apply(call));
        when(contracts.asCaller(any(), anyLong(), anyString(), any()))
                .thenAnswer(i -> ((Function<ContractService.Call, Object>) i.getArgument(3)).apply(call));
        when(operations.run(anyLong(), anyString(), anyString(), anyString(), anyString(), any())).thenAnswer(i -> {
            ((Consumer<ContractOperations.Running>) i.getArgument(5)).accept(null); // refused before any step
            return null;
        });
        when(contracts.organizationName(1, 12L)).thenReturn("bank-b");
    }
}
