package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.NotedRequest;
import io.consortia.platform.system.PlatformException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpStatus;

/**
 * A contract version's upload and review records said only the consortium and a package id in the path: which
 * code, of what hash and size, and why it was rejected were nowhere in the trail.
 */
class ContractPackageAuditNotesTest {
    private static final String HASH = "ab".repeat(32);
    @RegisterExtension
    final NotedRequest noted = new NotedRequest("POST", "/api/v1/x");
    private final ContractPackageService packages = mock(ContractPackageService.class);
    private final CurrentUser currentUser = mock(CurrentUser.class);
    private final Caller admin = Callers.of(Callers.Role.ORGANIZATION_ADMIN, 2L);
    private final ContractRepositoryController controller = new ContractRepositoryController(packages, currentUser);
    private final ContractManifest manifest = new ContractManifest("kv", "1.0.0", null, List.of());

    @BeforeEach
    void bind() {
        when(currentUser.get()).thenReturn(admin);
    }

    private ContractPackage version(String status, String note) {
        return new ContractPackage(5, 1, "kv", "1.0.0", null, manifest, HASH, 1234, "alice", 0, status, "bob", 1L,
                note);
    }

    @Test
    void an_upload_notes_the_contract_version_hash_and_size() {
        when(packages.upload(eq(admin), eq(1L), eq(manifest), any())).thenReturn(version("PENDING", null));
        controller.upload(1, new ContractRepositoryController.Upload(manifest, Base64.getEncoder().encodeToString(
                new byte[] {0, 'a', 's', 'm'})));
        assertThat(noted.notes()).isEqualTo(" contract=\"kv\" version=\"1.0.0\" package=\"5\" codeHash=\"" + HASH
                + "\" sizeBytes=\"1234\"");
    }

    @Test
    void a_refused_upload_still_notes_what_was_offered() {
        when(packages.upload(eq(admin), eq(1L), eq(manifest), any()))
                .thenThrow(new PlatformException(HttpStatus.BAD_REQUEST, "bad-module", "no"));
        assertThatThrownBy(() -> controller.upload(1, new ContractRepositoryController.Upload(manifest, "AAAA")))
                .isInstanceOf(PlatformException.class);
        assertThat(noted.notes()).isEqualTo(" contract=\"kv\" version=\"1.0.0\"");
    }

    @Test
    void a_review_notes_the_decision_its_note_and_which_code() {
        when(packages.review(admin, 1, 5, false, "reads the whole ledger")).thenReturn(
                version("REJECTED", "reads the whole ledger"));
        controller.review(1, 5, new ContractRepositoryController.Review("REJECTED", "reads the whole ledger"));
        assertThat(noted.notes()).isEqualTo(" package=\"5\" decision=\"REJECTED\" note=\"reads the whole ledger\""
                + " contract=\"kv\" version=\"1.0.0\" codeHash=\"" + HASH + "\"");
    }
}
