package io.consortia.platform.deploy;

import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.AuditNotes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Network lifecycle: every action answers 202 with a deployment whose steps show progress. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Deployments")
class DeploymentController {
    private final DeploymentService deployments;
    private final CurrentUser currentUser;

    DeploymentController(DeploymentService deployments, CurrentUser currentUser) {
        this.deployments = deployments;
        this.currentUser = currentUser;
    }

    /** @param channel name of the first channel, default {@code main} */
    record DeployRequest(@Size(max = 30) String channel) {}

    @Operation(summary = "Deploy the network: create and start every member's nodes and the first channel "
            + "(consortium leader). Returns at once; follow the deployment.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/consortia/{id}/network/deploy")
    ResponseEntity<Deployment> deploy(@PathVariable long id, @Valid @RequestBody(required = false) DeployRequest request) {
        return accepted(deployments.deploy(currentUser.get(), id, request == null ? null : request.channel()));
    }

    @Operation(summary = "Stop every node (consortium leader)")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/consortia/{id}/network/stop")
    ResponseEntity<Deployment> stop(@PathVariable long id) {
        return accepted(deployments.stop(currentUser.get(), id));
    }

    @Operation(summary = "Start every node again (consortium leader)")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/consortia/{id}/network/start")
    ResponseEntity<Deployment> start(@PathVariable long id) {
        return accepted(deployments.start(currentUser.get(), id));
    }

    @Operation(summary = "Delete the network: nodes, their data and channels (consortium leader; "
            + "confirm = the consortium's name)")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @DeleteMapping("/consortia/{id}/network")
    ResponseEntity<Deployment> delete(@PathVariable long id, @RequestParam(required = false) String confirm) {
        return accepted(deployments.delete(currentUser.get(), id, confirm));
    }

    @Operation(summary = "Delete the consortium itself (consortium leader or platform admin; confirm = its name)",
            description = "Removes the consortium, its members, invitations, history, deployments and every key in "
                    + "custody for it. Its network must be deleted first (DELETE .../network): 409 otherwise, and "
                    + "while a deployment runs. 204 when done.")
    @DeleteMapping("/consortia/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteConsortium(@PathVariable long id, @RequestParam(required = false) String confirm) {
        deployments.deleteConsortium(currentUser.get(), id, confirm);
        AuditNotes.note("consortium", id);
        AuditNotes.note("consortiumName", confirm); // the name it had: deletion is confirmed by typing it
    }

    @Operation(summary = "Add a node to a member organisation (leader or that organisation's admin)",
            description = "The node is created and started, then joins each of its organisation's channels: added as "
                    + "a Raft learner, joined with the configuration in force, caught up, promoted to voter. 409 on a "
                    + "cluster target.")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/consortia/{id}/organizations/{organizationId}/nodes")
    ResponseEntity<Deployment> addNode(@PathVariable long id, @PathVariable long organizationId) {
        return accepted(deployments.addNode(currentUser.get(), id, organizationId));
    }

    @Operation(summary = "Remove one node (202 with progress): its organisation's admin or the leader",
            description = "The node leaves the Raft group of every channel it serves first (demoted to learner, then "
                    + "removed, each a configuration change on chain), then it is stopped and its storage deleted. "
                    + "409 on a cluster target (its nodes are fixed when the network is deployed), and 409 up front, "
                    + "nothing changed, when the node is the last voter of any of its channels (add another node of "
                    + "its organisation first).")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @DeleteMapping("/nodes/{nodeId}")
    ResponseEntity<Deployment> removeNode(@PathVariable String nodeId) {
        Deployment started = deployments.removeNode(currentUser.get(), nodeId);
        AuditNotes.note("node", nodeId);
        return accepted(started);
    }

    @Operation(summary = "Restart one node (202 with progress): its organisation's admin or the leader")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/nodes/{nodeId}/restart")
    ResponseEntity<Deployment> restart(@PathVariable String nodeId) {
        Deployment started = deployments.restartNode(currentUser.get(), nodeId);
        AuditNotes.note("node", nodeId);
        return accepted(started);
    }

    @Operation(summary = "The consortium's deployments, newest first")
    @GetMapping("/consortia/{id}/deployments")
    List<Deployment> list(@PathVariable long id) {
        return deployments.list(currentUser.get(), id);
    }

    @Operation(summary = "One deployment with its steps")
    @GetMapping("/deployments/{deploymentId}")
    Deployment get(@PathVariable long deploymentId) {
        return deployments.get(currentUser.get(), deploymentId);
    }

    /** With the Location of the deployment; the methods' @ResponseStatus says 202 to the OpenAPI document too. */
    private static ResponseEntity<Deployment> accepted(Deployment deployment) {
        // the deployment's id names what runs on (its steps, its nodes) once the answer is sent
        AuditNotes.note("deployment", deployment.id());
        AuditNotes.note("deploymentAction", deployment.action());
        AuditNotes.note("nodes", deployment.steps().stream().map(Deployment.Step::nodeId)
                .filter(java.util.Objects::nonNull).distinct().toList());
        return ResponseEntity.accepted().location(URI.create("/api/v1/deployments/" + deployment.id()))
                .body(deployment);
    }
}
