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

import com.google.protobuf.ByteString;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.sdk.Lifecycle;
import io.consortia.wasm.WasmEngine;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * An upgrade to the version in force (h2counter 1.0, package 1, committed as sequence 1) was accepted:
 * 201, and a proposal of sequence 2 with the same code hash. It is a 409 naming the version in force,
 * and the console does not offer it.
 */
class LifecycleServiceUpgradeTest {
    private static final byte[] MODULE = "counter v1 module".getBytes(StandardCharsets.UTF_8);

    private final ContractPackageRepository repository = mock(ContractPackageRepository.class);
    private final ContractService contracts = mock(ContractService.class);
    private final ContractProposals proposals = mock(ContractProposals.class);
    private final ContractOperations operations = mock(ContractOperations.class);
    private final Lifecycle lifecycle = mock(Lifecycle.class);
    private final LifecycleService service = new LifecycleService(contracts,
            new ContractPackageService(repository, mock(ConsortiumService.class)), proposals, operations,
            mock(ChannelService.class), mock(ConsortiumService.class));
    private final Caller bob = new Caller(5, "bob", null, 12L, OrganizationRole.ADMIN);

    private static ContractPackage stored(long id, String version) {
        ContractManifest manifest = new ContractManifest("h2counter", version, null,
                List.of(new ContractManifest.Function("get", null, true, List.of())));
        return new ContractPackage(id, 1, "h2counter", version, null, manifest, WasmEngine.codeHash(MODULE),
                MODULE.length, "alice", 1L, ContractPackage.REVIEWED, "bob", 2L, null);
    }

    @SuppressWarnings("unchecked")
    private void channel() {
        ContractService.Call call = mock(ContractService.Call.class);
        when(call.lifecycle()).thenReturn(lifecycle);
        when(contracts.asOrganizationAdmin(any(), anyLong(), anyString(), any()))
                .thenAnswer(i -> ((Function<ContractService.Call, Object>) i.getArgument(3)).apply(call));
        when(operations.run(anyLong(), anyString(), anyString(), anyString(), anyString(), any())).thenAnswer(i -> {
            ((Consumer<ContractOperations.Running>) i.getArgument(5)).accept(null); // refused before any step
            return null;
        });
        when(lifecycle.definitions()).thenReturn(List.of(LifecycleRecord.newBuilder().setDigest("d1")
                .setDefinition(ContractDefinition.newBuilder().setName("h2counter").setVersion("1.0").setSequence(1)
                        .setCodeHash(ByteString.copyFrom(HexFormat.of().parseHex(WasmEngine.codeHash(MODULE)))))
                .build()));
        when(proposals.find(1, "main", "h2counter", 1, "d1")).thenReturn(Optional.of(new ContractProposals.Row(9, 1,
                "main", "h2counter", 1, "d1", "PROPOSE", 1L, "li", 12, 1, ContractProposals.COMMITTED)));
    }

    @Test
    void an_upgrade_to_the_package_in_force_is_409_naming_it() {
        channel();
        when(repository.byId(1)).thenReturn(Optional.of(stored(1, "1.0")));

        PlatformException refused = catchThrowableOfType(PlatformException.class,
                () -> service.upgrade(bob, 1, "main", "h2counter", 1));

        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getMessage()).contains("Version 1.0 of h2counter (package 1) is in force on channel main"
                + " (sequence 1)");
        verify(lifecycle, never()).install(any());
        verify(lifecycle, never()).upgrade(anyString(), anyString(), anyString());
    }

    @Test
    void the_console_offers_an_upgrade_to_the_other_reviewed_versions_only() {
        ContractPackage pending = new ContractPackage(3, 1, "h2counter", "3.0", null, stored(3, "3.0").manifest(),
                "ff", 1, "alice", 1L, ContractPackage.PENDING, null, null, null);
        List<ContractPackage> all = List.of(stored(1, "1.0"), stored(2, "2.0"), pending);
        assertThat(UserContractPages.upgradeTargets(all, "h2counter", 1L)).extracting(ContractPackage::id)
                .containsExactly(2L);
        assertThat(UserContractPages.upgradeTargets(all, "h2counter", null)).extracting(ContractPackage::id)
                .containsExactly(1L, 2L);
    }
}
