package io.consortia.platform.backup;

import io.consortia.platform.deploy.Deployment;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.AuditNotes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Node backups and restores (202 with a deployment whose steps show progress) and platform backups. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Backups")
class BackupController {
    private final NodeBackupService nodeBackups;
    private final PlatformBackupService platformBackups;
    private final CurrentUser currentUser;

    BackupController(NodeBackupService nodeBackups, PlatformBackupService platformBackups, CurrentUser currentUser) {
        this.nodeBackups = nodeBackups;
        this.platformBackups = platformBackups;
        this.currentUser = currentUser;
    }

    record RestoreRequest(@NotNull Long backupId) {}

    /** @param note why the backup is taken ("before the upgrade to 0.2"), kept in its manifest */
    record PlatformBackupRequest(@NotBlank @Size(max = 200) String note) {}

    @Operation(summary = "Back up a node: a consistent checkpoint of each of its channels, kept by the platform "
            + "(the leader or the node's organisation admin). Returns at once; follow the deployment.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/nodes/{nodeId}/backups")
    ResponseEntity<Deployment> backupNode(@PathVariable String nodeId) {
        AuditNotes.note("node", nodeId);
        Deployment deployment = nodeBackups.backup(currentUser.get(), nodeId);
        // the backup is taken by the deployment, after this answer: its steps, and the backups list, name it
        AuditNotes.note("deployment", deployment.id());
        return accepted(deployment);
    }

    @Operation(summary = "Restore a node from one of its backups: stop, restore, start, wait until it caught up "
            + "(the leader or the node's organisation admin; local nodes). Returns at once; follow the deployment.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/nodes/{nodeId}/restore")
    ResponseEntity<Deployment> restoreNode(@PathVariable String nodeId, @Valid @RequestBody RestoreRequest request) {
        AuditNotes.note("node", nodeId);
        AuditNotes.note("backup", request.backupId());
        Deployment deployment = nodeBackups.restore(currentUser.get(), nodeId, request.backupId());
        // read after the restore was accepted, so a refused caller gets the restore's own refusal; the id alone
        // says nothing once the backup is deleted, its hash says which archive the node was put back to
        NodeBackupRecord backup = nodeBackups.get(currentUser.get(), request.backupId());
        AuditNotes.note("backupHash", backup.sha256());
        AuditNotes.note("backupSizeBytes", backup.sizeBytes());
        AuditNotes.note("backupTakenAt", java.time.Instant.ofEpochMilli(backup.createdAt()));
        AuditNotes.note("deployment", deployment.id());
        return accepted(deployment);
    }

    @Operation(summary = "The consortium's node backups, newest first, with size, SHA-256 and heights")
    @GetMapping("/consortia/{id}/backups")
    List<NodeBackupRecord> list(@PathVariable long id) {
        return nodeBackups.list(currentUser.get(), id);
    }

    @Operation(summary = "One node backup")
    @GetMapping("/backups/{backupId}")
    NodeBackupRecord get(@PathVariable long backupId) {
        return nodeBackups.get(currentUser.get(), backupId);
    }

    @Operation(summary = "Download a node backup's archive (tar.gz; its SHA-256 is in the backup's record)")
    @GetMapping(value = "/backups/{backupId}/archive", produces = "application/gzip")
    ResponseEntity<Resource> download(@PathVariable long backupId) {
        return file(nodeBackups.archive(currentUser.get(), backupId));
    }

    @Operation(summary = "Back up the platform: every table (custody keys sealed), never the master key "
            + "(platform admin). Restore with ./consortia restore into an empty data directory.")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/platform/backups")
    ResponseEntity<PlatformBackupService.PlatformBackupView> backupPlatform(
            @Valid @RequestBody PlatformBackupRequest request) {
        PlatformBackupService.PlatformBackupView view = platformBackups.create(currentUser.get(), request.note());
        AuditNotes.note("backup", view.name());
        AuditNotes.note("backupSizeBytes", view.sizeBytes());
        AuditNotes.note("backupHash", view.sha256());
        AuditNotes.note("note", request.note());
        return ResponseEntity.created(URI.create("/api/v1/platform/backups/" + view.name())).body(view);
    }

    @Operation(summary = "The platform backups, newest first (platform admin)")
    @GetMapping("/platform/backups")
    List<PlatformBackupService.PlatformBackupView> platformList() {
        return platformBackups.list(currentUser.get());
    }

    @Operation(summary = "Download a platform backup (platform admin)")
    @GetMapping(value = "/platform/backups/{name}", produces = "application/gzip")
    ResponseEntity<Resource> platformDownload(@PathVariable String name) {
        return file(platformBackups.archive(currentUser.get(), name));
    }

    private static ResponseEntity<Resource> file(Path file) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/gzip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.getFileName() + "\"")
                .body(new FileSystemResource(file));
    }

    /** With the Location of the deployment; the methods' @ResponseStatus says 202 to the OpenAPI document too. */
    private static ResponseEntity<Deployment> accepted(Deployment deployment) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/deployments/" + deployment.id()))
                .body(deployment);
    }
}
