package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** A rejected version left its uploader guessing what to fix: a rejection says why, and the uploader reads it. */
class ContractPackageReviewTest {
    private final ContractPackageRepository repository = mock(ContractPackageRepository.class);
    private final ConsortiumService consortia = mock(ConsortiumService.class);
    private final ContractPackageService packages = new ContractPackageService(repository, consortia);
    private final Caller bob = new Caller(5, "bob", null, 12L, OrganizationRole.ADMIN);

    @Test
    void a_rejection_without_a_reason_is_a_400_naming_note_and_changes_nothing() {
        when(consortia.isMember(1, 12L)).thenReturn(true);
        for (String note : java.util.Arrays.asList(null, "", "  ")) {
            PlatformException refused = catchThrowableOfType(() -> packages.review(bob, 1, 4, false, note),
                    PlatformException.class);
            assertThat(refused).as(String.valueOf(note)).isNotNull();
            assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.extensions().get("errors")).asList().singleElement()
                    .satisfies(e -> assertThat(((Map<?, ?>) e).get("field")).isEqualTo("note"));
        }
        verify(repository, never()).review(anyLong(), anyString(), anyString(), anyString());
    }

    @Test
    void a_rejection_stores_its_reason_for_the_uploader() {
        when(consortia.isMember(1, 12L)).thenReturn(true);
        ContractPackage pending = new ContractPackage(4, 1, "records", "1.0.0", "", null, "abc", 10, "carol", 0,
                ContractPackage.PENDING, null, null, null);
        ContractPackage rejected = new ContractPackage(4, 1, "records", "1.0.0", "", null, "abc", 10, "carol", 0,
                ContractPackage.REJECTED, "bob", 1L, "logs the caller's key");
        when(repository.byId(4)).thenReturn(Optional.of(pending), Optional.of(rejected));
        when(repository.review(4, ContractPackage.REJECTED, "bob", "logs the caller's key")).thenReturn(true);

        assertThat(packages.review(bob, 1, 4, false, "  logs the caller's key ").reviewNote())
                .isEqualTo("logs the caller's key");
        verify(repository).review(4, ContractPackage.REJECTED, "bob", "logs the caller's key");
    }

    /** A tester's own upload offered him Mark reviewed, and one click made his code "reviewed". */
    @Test
    void the_uploader_may_not_approve_their_own_version_but_may_reject_it() {
        Caller carol = new Caller(6, "carol", null, 12L, OrganizationRole.ADMIN);
        when(consortia.isMember(1, 12L)).thenReturn(true);
        ContractPackage pending = new ContractPackage(4, 1, "records", "1.0.0", "", null, "abc", 10, "carol", 0,
                ContractPackage.PENDING, null, null, null);
        when(repository.byId(4)).thenReturn(Optional.of(pending));

        PlatformException refused = catchThrowableOfType(() -> packages.review(carol, 1, 4, true, "looks fine"),
                PlatformException.class);
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getMessage()).contains("You uploaded version 1.0.0 of records", "someone else reviews it");
        verify(repository, never()).review(anyLong(), anyString(), anyString(), anyString());

        when(repository.review(4, ContractPackage.REJECTED, "carol", "wrong manifest")).thenReturn(true);
        packages.review(carol, 1, 4, false, "wrong manifest");
        verify(repository).review(4, ContractPackage.REJECTED, "carol", "wrong manifest");
        // another admin of the uploader's own organisation is a second pair of eyes
        when(repository.review(4, ContractPackage.REVIEWED, "bob", "read it")).thenReturn(true);
        packages.review(bob, 1, 4, true, "read it");
        verify(repository).review(4, ContractPackage.REVIEWED, "bob", "read it");
    }

    /** Store installs were marked reviewed by the installer, who had read nothing: the template is the product's code. */
    @Test
    void a_store_template_is_reviewed_as_the_product_s_not_by_its_installer() {
        byte[] module = {0, 97, 115, 109, 1, 0, 0, 0};
        ContractManifest manifest = new ContractManifest("records", "1.0.0", "", java.util.List.of());
        ContractPackage pending = new ContractPackage(9, 1, "records", "1.0.0", "", manifest,
                io.consortia.wasm.WasmEngine.codeHash(module), module.length, "bob", 0, ContractPackage.PENDING,
                null, null, null);
        ContractPackage reviewed = new ContractPackage(9, 1, "records", "1.0.0", "", manifest, pending.codeHash(),
                module.length, "bob", 0, ContractPackage.REVIEWED, ContractPackage.PRODUCT_REVIEWER, 1L,
                ContractPackage.PRODUCT_REVIEW_NOTE);
        when(repository.byVersion(1, "records", "1.0.0")).thenReturn(Optional.of(pending));
        when(repository.review(9, ContractPackage.REVIEWED, ContractPackage.PRODUCT_REVIEWER,
                ContractPackage.PRODUCT_REVIEW_NOTE)).thenReturn(true);
        when(repository.byId(9)).thenReturn(Optional.of(reviewed));

        assertThat(packages.ensureTemplate(bob, 1, manifest, module).reviewedBy()).isEqualTo("consortia:store");
        verify(repository, never()).review(anyLong(), anyString(), org.mockito.ArgumentMatchers.eq("bob"), anyString());
    }
}
