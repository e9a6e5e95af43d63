package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.protobuf.ByteString;
import io.consortia.crypto.Hashes;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.LifecycleRecord;
import io.consortia.wasm.WasmEngine;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which repository package describes the code in force (LifecycleService.packageOf): a definition committed
 * outside the platform (an SDK unfreeze) has no proposal row, but its code is a reviewed package all the same.
 */
class LifecycleServicePackageTest {
    private static final long CONSORTIUM = 1;
    private static final byte[] MODULE = "counter v2 module".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "counter v3 module".getBytes(StandardCharsets.UTF_8);

    private final ContractPackageRepository repository = mock(ContractPackageRepository.class);
    private final ContractProposals proposals = mock(ContractProposals.class);
    private final LifecycleService service = new LifecycleService(mock(ContractService.class),
            new ContractPackageService(repository, mock(ConsortiumService.class)), proposals,
            mock(ContractOperations.class), mock(ChannelService.class), mock(ConsortiumService.class));

    private static ContractPackage stored(long id, String version, byte[] module, String review) {
        ContractManifest manifest = new ContractManifest("counter", version, null,
                List.of(new ContractManifest.Function("get", null, true, List.of())));
        return new ContractPackage(id, CONSORTIUM, "counter", version, null, manifest, WasmEngine.codeHash(module),
                module.length, "alice", 1L, review, "bob", 2L, null);
    }

    private static LifecycleRecord inForce(byte[] codeHash, long sequence) {
        return LifecycleRecord.newBuilder().setDigest("d" + sequence).setDefinition(ContractDefinition.newBuilder()
                .setName("counter").setSequence(sequence).setCodeHash(ByteString.copyFrom(codeHash))).build();
    }

    @Test
    void a_definition_committed_outside_the_platform_runs_the_reviewed_package_with_its_code_hash() {
        ContractPackage v1 = stored(1, "1.0", OTHER, ContractPackage.REVIEWED);
        ContractPackage v2 = stored(2, "2.0", MODULE, ContractPackage.REVIEWED);
        ContractPackage pending = stored(3, "2.0-draft", MODULE, ContractPackage.PENDING);
        when(repository.versions(CONSORTIUM, "counter")).thenReturn(List.of(v1, v2, pending));
        when(repository.module(anyLong())).thenAnswer(i -> ((Long) i.getArgument(0)) == 1 ? OTHER : MODULE);
        when(proposals.find(eq(CONSORTIUM), eq("main"), eq("counter"), anyLong(), anyString()))
                .thenReturn(Optional.empty()); // sequence 4, unfrozen with the SDK: no proposal row

        byte[] sha256 = HexFormat.of().parseHex(WasmEngine.codeHash(MODULE));
        assertThat(service.packageOf(CONSORTIUM, "main", inForce(sha256, 4))).as("code hash in force (SHA-256)")
                .map(ContractPackage::id).contains(2L);
        assertThat(service.packageOf(CONSORTIUM, "main", inForce(Hashes.sm3().digest(MODULE), 4)))
                .as("an SM2 consortium's channel hashes modules with SM3").map(ContractPackage::id).contains(2L);
        assertThat(service.packageOf(CONSORTIUM, "main", inForce(Hashes.sha256().digest("unknown".getBytes()), 4)))
                .as("code not in the repository").isEmpty();
    }
}
