package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.system.PlatformException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Upload checks the manifest against the module: the console builds call forms from the manifest. */
class ContractPackageUploadTest {
    private final ContractPackageRepository repository = mock(ContractPackageRepository.class);
    private final ConsortiumService consortia = mock(ConsortiumService.class);
    private final ContractPackageService packages = new ContractPackageService(repository, consortia);
    private final Caller amy = new Caller(4, "amy", null, 11L, OrganizationRole.MEMBER);

    @Test
    void a_manifest_naming_a_function_the_module_does_not_export_is_refused_and_nothing_is_stored() {
        when(consortia.isMember(1, 11L)).thenReturn(true);
        ContractStore.Template template = new ContractStore(null, null).templates().stream()
                .filter(ContractStore.Template::installable).findFirst().orElseThrow();
        ContractManifest real = template.manifest();
        List<ContractManifest.Function> functions = new ArrayList<>(real.functions());
        functions.add(new ContractManifest.Function("ghost", null, false, List.of()));
        ContractManifest ghost = new ContractManifest(real.name(), "9.9", real.description(), functions);

        assertThatThrownBy(() -> packages.upload(amy, 1, ghost, ContractStore.module(template)))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("manifest.functions[" + real.functions().size() + "].name ghost")
                .hasMessageContaining("the module exports no such function")
                .satisfies(e -> assertThat(((PlatformException) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));
        verify(repository, never()).insert(anyLong(), any(), any(), anyString(), anyString(), any());
    }
}
