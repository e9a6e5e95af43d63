package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.FunctionRule;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.sdk.Lifecycle;
import io.consortia.sdk.SubmitResult;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A caller rule {@code {"function":"put","roles":["admin"]}} (platform/README.md's own example is an addMinter
 * for admins) made the function callable by no one through the platform: every call was signed with the user's
 * custodial USER certificate, so even an organisation admin got 403 "may be called with certificates of roles
 * [admin] only". An organisation admin's call of such a function is signed with the organisation's custodial
 * ADMIN identity; any other call, and any call of a function open to role user, is signed as the caller.
 */
class LifecycleServiceAdminCallTest {
    private static final String DIGEST = "ab12" + "0".repeat(60);

    private final ContractService contracts = mock(ContractService.class);
    private final ContractProposals proposals = mock(ContractProposals.class);
    private final ContractPackageService packages = mock(ContractPackageService.class);
    private final LifecycleService service = new LifecycleService(contracts, packages, proposals,
            mock(ContractOperations.class), mock(ChannelService.class), mock(ConsortiumService.class));
    private final Lifecycle lifecycle = mock(Lifecycle.class);
    private final ContractService.Call asUser = mock(ContractService.Call.class);
    private final ContractService.Call asAdmin = mock(ContractService.Call.class);
    private final Caller bob = new Caller(5, "bob", null, 12L, OrganizationRole.ADMIN);
    private final Caller carol = new Caller(6, "carol", null, 12L, OrganizationRole.MEMBER);

    @SuppressWarnings("unchecked")
    LifecycleServiceAdminCallTest() {
        when(asUser.lifecycle()).thenReturn(lifecycle);
        when(asAdmin.lifecycle()).thenReturn(lifecycle);
        when(contracts.asCaller(any(), anyLong(), anyString(), any()))
                .thenAnswer(i -> ((Function<ContractService.Call, Object>) i.getArgument(3)).apply(asUser));
        when(contracts.asOrganizationAdmin(any(), anyLong(), anyString(), any()))
                .thenAnswer(i -> ((Function<ContractService.Call, Object>) i.getArgument(3)).apply(asAdmin));
        LifecycleRecord current = LifecycleRecord.newBuilder().setDigest(DIGEST).setDefinition(ContractDefinition
                .newBuilder().setName("records").setVersion("1.0").setSequence(1)
                .addFunctions(FunctionRule.newBuilder().setFunction("put").addRoles("admin"))
                .addFunctions(FunctionRule.newBuilder().setFunction("note").addRoles("admin").addRoles("user")))
                .build();
        when(lifecycle.definitions()).thenReturn(List.of(current));
        when(proposals.find(1, "main", "records", 1, DIGEST)).thenReturn(Optional.of(new ContractProposals.Row(9, 1,
                "main", "records", 1, DIGEST, "PROPOSE", 7L, "bob", 12, 1, ContractProposals.COMMITTED)));
        ContractManifest manifest = new ContractManifest("records", "1.0", null, List.of(
                new ContractManifest.Function("put", null, false, List.of()),
                new ContractManifest.Function("note", null, false, List.of())));
        when(packages.require(1, 7L)).thenReturn(new ContractPackage(7, 1, "records", "1.0", null, manifest, "00",
                1, "bob", 1L, ContractPackage.REVIEWED, "alice", 2L, null));
        when(asAdmin.submit(anyString(), anyString())).thenReturn(new SubmitResult("tx-admin", 54, new byte[0]));
        when(asUser.submit(anyString(), anyString())).thenReturn(new SubmitResult("tx-user", 55, new byte[0]));
    }

    @Test
    void an_organisation_admin_calls_an_admin_only_function_with_the_organisations_admin_identity() {
        LifecycleService.CallOutcome outcome = service.invoke(bob, 1, "main", "records", "put", List.of());

        assertThat(outcome.transactionId()).isEqualTo("tx-admin");
        verify(asAdmin).submit("records", "put");
        verify(asUser, never()).submit(anyString(), anyString());
    }

    @Test
    void every_other_call_is_signed_as_the_caller() {
        assertThat(service.invoke(bob, 1, "main", "records", "note", List.of()).transactionId())
                .as("a function open to role user: the admin's own certificate").isEqualTo("tx-user");
        assertThat(service.invoke(carol, 1, "main", "records", "put", List.of()).transactionId())
                .as("a member who is no admin: their own certificate, which the nodes refuse").isEqualTo("tx-user");
        verify(contracts, never()).asOrganizationAdmin(any(), anyLong(), anyString(), any());
    }
}
