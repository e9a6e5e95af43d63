package io.consortia.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.NotedRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backup's or a restore's record named a node in the path and nothing else: which backup a node was put back
 * to, and which platform backup file was written, were not in the trail.
 */
class BackupAuditNotesTest {
    private static final String HASH = "cd".repeat(32);
    @RegisterExtension
    final NotedRequest noted = new NotedRequest("POST", "/api/v1/x");
    private final NodeBackupService nodeBackups = mock(NodeBackupService.class);
    private final PlatformBackupService platformBackups = mock(PlatformBackupService.class);
    private final CurrentUser currentUser = mock(CurrentUser.class);
    private final Caller admin = Callers.of(Callers.Role.ORGANIZATION_ADMIN, 2L);
    private final BackupController controller = new BackupController(nodeBackups, platformBackups, currentUser);
    private final Deployment deployment = new Deployment(12, 1, "BACKUP_NODE", "RUNNING", null, "alice", 0, null,
            List.of());

    @BeforeEach
    void bind() {
        when(currentUser.get()).thenReturn(admin);
    }

    @Test
    void a_node_backup_notes_the_node_and_its_deployment() {
        when(nodeBackups.backup(admin, "c1-org1-0")).thenReturn(deployment);
        controller.backupNode("c1-org1-0");
        assertThat(noted.notes()).isEqualTo(" node=\"c1-org1-0\" deployment=\"12\"");
    }

    @Test
    void a_restore_notes_which_backup_by_id_hash_size_and_time() {
        when(nodeBackups.restore(admin, "c1-org1-0", 7)).thenReturn(deployment);
        when(nodeBackups.get(admin, 7)).thenReturn(new NodeBackupRecord(7, 1, "c1-org1-0", 4096, HASH, List.of(),
                "alice", 0, true));
        controller.restoreNode("c1-org1-0", new BackupController.RestoreRequest(7L));
        assertThat(noted.notes()).isEqualTo(" node=\"c1-org1-0\" backup=\"7\" backupHash=\"" + HASH + "\""
                + " backupSizeBytes=\"4096\" backupTakenAt=\"1970-01-01T00:00:00Z\" deployment=\"12\"");
    }

    @Test
    void a_platform_backup_notes_its_file_size_hash_and_note() {
        when(platformBackups.create(admin, "before the upgrade")).thenReturn(new PlatformBackupService
                .PlatformBackupView("platform-20261207-2050.tar.gz", 8192, HASH, 0, "6", "before the upgrade",
                        List.of(), List.of()));
        controller.backupPlatform(new BackupController.PlatformBackupRequest("before the upgrade"));
        assertThat(noted.notes()).isEqualTo(" backup=\"platform-20261207-2050.tar.gz\" backupSizeBytes=\"8192\""
                + " backupHash=\"" + HASH + "\" note=\"before the upgrade\"");
    }
}
