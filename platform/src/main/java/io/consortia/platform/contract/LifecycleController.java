package io.consortia.platform.contract;

import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * User contracts on a channel: every lifecycle step is signed by the acting organisation's custodial
 * ADMIN identity, so only organisation admins change anything here; members call committed contracts.
 */
@RestController
@Tag(name = "Contract lifecycle")
class LifecycleController {
    private static final String BASE = "/api/v1/consortia/{id}/channels/{channel}/user-contracts";
    private final LifecycleService lifecycle;
    private final ContractOperations operations;
    private final CurrentUser currentUser;

    LifecycleController(LifecycleService lifecycle, ContractOperations operations, CurrentUser currentUser) {
        this.lifecycle = lifecycle;
        this.operations = operations;
        this.currentUser = currentUser;
    }

    /** rules: who may call which function (organisations and/or roles); functions left out are open to every member. */
    record Proposal(@NotNull @Min(1) Long packageId,
            @Pattern(regexp = "MAJORITY|ANY|ALL", message = "must be MAJORITY, ANY or ALL") String policy,
            @Size(max = 64) List<@Valid @NotNull CallerRule> rules) {}

    record Upgrade(@NotNull @Min(1) Long packageId) {}

    /** Why the organisation declines: 1-500 characters, recorded on chain for every organisation to read. */
    record DeclineReason(String reason) {}

    /** args may be left out for a function without arguments. */
    record Call(@NotBlank @Size(max = 64) String function, @Size(max = 16) List<@NotNull String> args) {}

    @Operation(summary = "Install a reviewed package's module and propose its first definition with its caller rules "
            + "(approved by your organisation)")
    @PostMapping(BASE)
    @ResponseStatus(HttpStatus.CREATED)
    ContractOperation propose(@PathVariable long id, @PathVariable String channel, @Valid @RequestBody Proposal proposal) {
        return lifecycle.propose(currentUser.get(), id, channel, proposal.packageId(), proposal.policy(),
                proposal.rules());
    }

    @Operation(summary = "Committed user contracts of the channel")
    @GetMapping(BASE)
    List<LifecycleViews.Committed> definitions(@PathVariable long id, @PathVariable String channel) {
        return lifecycle.definitions(currentUser.get(), id, channel);
    }

    @Operation(summary = "A contract: definition in force, history, proposals with approvals, manifest, operations")
    @GetMapping(BASE + "/{name}")
    LifecycleService.ContractDetail contract(@PathVariable long id, @PathVariable String channel,
            @PathVariable String name) {
        checkName(name);
        return lifecycle.contract(currentUser.get(), id, channel, name);
    }

    @Operation(summary = "Propose an upgrade to another reviewed version of the same contract (state is kept)")
    @PostMapping(BASE + "/{name}/upgrade")
    @ResponseStatus(HttpStatus.CREATED)
    ContractOperation upgrade(@PathVariable long id, @PathVariable String channel, @PathVariable String name,
            @Valid @RequestBody Upgrade upgrade) {
        checkName(name);
        return lifecycle.upgrade(currentUser.get(), id, channel, name, upgrade.packageId());
    }

    @Operation(summary = "Propose freezing the contract (calls refused, state kept)")
    @PostMapping(BASE + "/{name}/freeze")
    @ResponseStatus(HttpStatus.CREATED)
    ContractOperation freeze(@PathVariable long id, @PathVariable String channel, @PathVariable String name) {
        checkName(name);
        return lifecycle.changeStatus(currentUser.get(), id, channel, name, "FREEZE");
    }

    @Operation(summary = "Propose making a frozen contract active again")
    @PostMapping(BASE + "/{name}/unfreeze")
    @ResponseStatus(HttpStatus.CREATED)
    ContractOperation unfreeze(@PathVariable long id, @PathVariable String channel, @PathVariable String name) {
        checkName(name);
        return lifecycle.changeStatus(currentUser.get(), id, channel, name, "UNFREEZE");
    }

    @Operation(summary = "Propose revoking the contract for good")
    @PostMapping(BASE + "/{name}/revoke")
    @ResponseStatus(HttpStatus.CREATED)
    ContractOperation revoke(@PathVariable long id, @PathVariable String channel, @PathVariable String name) {
        checkName(name);
        return lifecycle.changeStatus(currentUser.get(), id, channel, name, "REVOKE");
    }

    @Operation(summary = "Approve a proposal for your organisation (signed by its custodial admin identity)",
            description = "A proposal that does not exist is answered 404 and nothing is recorded: no operation, "
                    + "no transaction.")
    @ApiResponse(responseCode = "200", description = "The operation recording the approval on chain")
    @ApiResponse(responseCode = "404",
            description = "No proposal of this contract with this sequence and digest")
    @PostMapping(BASE + "/{name}/proposals/{sequence}/{digest}/approve")
    ContractOperation approve(@PathVariable long id, @PathVariable String channel, @PathVariable String name,
            @PathVariable long sequence, @PathVariable String digest) {
        checkName(name);
        return lifecycle.approve(currentUser.get(), id, channel, name, sequence, digest);
    }

    @Operation(summary = "Decline a proposal for your organisation, with a reason (signed by its custodial admin "
            + "identity)", description = "The reason (1-500 characters) is recorded on chain and shown to every "
            + "organisation. Declining withdraws your organisation's approval; approving later withdraws the decline. "
            + "Once the organisations that have not declined are too few for the policy, the proposal can no longer "
            + "pass (canStillPass false) and its commit is refused.")
    @ApiResponse(responseCode = "200", description = "The operation recording the decline and its reason on chain")
    @ApiResponse(responseCode = "400", description = "reason missing, blank or longer than 500 characters")
    @ApiResponse(responseCode = "404", description = "No proposal of this contract with this sequence and digest")
    @ApiResponse(responseCode = "409",
            description = "contract-rejected: committed or stale already, or declined by your organisation already")
    @PostMapping(BASE + "/{name}/proposals/{sequence}/{digest}/decline")
    ContractOperation decline(@PathVariable long id, @PathVariable String channel, @PathVariable String name,
            @PathVariable long sequence, @PathVariable String digest, @RequestBody DeclineReason decline) {
        checkName(name);
        return lifecycle.decline(currentUser.get(), id, channel, name, sequence, digest, decline.reason());
    }

    @Operation(summary = "Commit a proposal whose approvals meet its policy")
    @ApiResponse(responseCode = "200", description = "The operation committing the definition on chain")
    @ApiResponse(responseCode = "404",
            description = "No proposal of this contract with this sequence and digest")
    @PostMapping(BASE + "/{name}/proposals/{sequence}/{digest}/commit")
    ContractOperation commit(@PathVariable long id, @PathVariable String channel, @PathVariable String name,
            @PathVariable long sequence, @PathVariable String digest) {
        checkName(name);
        return lifecycle.commit(currentUser.get(), id, channel, name, sequence, digest);
    }

    @Operation(summary = "Call a committed contract's function, checked against its manifest "
            + "(query functions are evaluated, others submitted with your custodial identity)",
            description = "The answer's resultBase64 is the exact bytes the contract returned; result is the same "
                    + "bytes as text when they are valid UTF-8, else null. A refusal by the nodes is a problem whose "
                    + "status follows its code, the same whether the function was submitted or evaluated: 409 "
                    + "contract-rejected for the call's verdict (CONTRACT_REJECTED, CONTRACT_FROZEN, "
                    + "CONTRACT_REVOKED, OUT_OF_FUEL, OUT_OF_MEMORY, CONTRACT_TRAPPED, HOST_MISUSE, ...), 403 for "
                    + "FORBIDDEN (the function's caller rule), 404 for UNKNOWN_FUNCTION or UNKNOWN_CONTRACT (never "
                    + "proposed), 422 transaction-refused "
                    + "for a transaction the node could not take (signature, replay, clock, size).")
    @ApiResponse(responseCode = "200", description = "The call's result (a submitted call: committed VALID)")
    @ApiResponse(responseCode = "400", description = "No such function in the manifest, or wrong arguments")
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: the function's caller rule does not admit you")
    @ApiResponse(responseCode = "409", description = "contract-rejected: the call's verdict, named in the detail "
            + "and in code (OUT_OF_FUEL, CONTRACT_FROZEN, CONTRACT_REJECTED, ...; CONTRACT_NOT_COMMITTED: proposed, "
            + "not committed yet)")
    @ApiResponse(responseCode = "422", description = "transaction-refused: the node could not take the transaction")
    @PostMapping(BASE + "/{name}/calls")
    LifecycleService.CallOutcome call(@PathVariable long id, @PathVariable String channel, @PathVariable String name,
            @Valid @RequestBody Call call) {
        checkName(name);
        return lifecycle.invoke(currentUser.get(), id, channel, name, call.function(),
                call.args() == null ? List.of() : call.args());
    }

    @Operation(summary = "Proposals on the consortium's channels waiting for your organisation's approval",
            description = "Leaves out the proposals your organisation approved or declined and those that can no "
                    + "longer pass.")
    @GetMapping("/api/v1/consortia/{id}/contract-approvals")
    List<LifecycleViews.Proposal> waiting(@PathVariable long id) {
        return lifecycle.waitingFor(currentUser.get(), id);
    }

    @Operation(summary = "A lifecycle operation with its steps")
    @GetMapping("/api/v1/consortia/{id}/contract-operations/{operationId}")
    ContractOperation operation(@PathVariable long id, @PathVariable long operationId) {
        lifecycle.requireVisible(currentUser.get(), id);
        ContractOperation operation = operations.get(operationId).filter(o -> o.consortiumId() == id)
                .orElseThrow(() -> PlatformException.notFound("Contract operation", operationId));
        return operation;
    }

    private static void checkName(String name) {
        if (!name.matches(ContractManifest.NAME)) {
            throw InvalidFields.field("name", "must be 1-64 of a-z, 0-9, '_', '.', '-', not starting with '_' or '.'");
        }
    }
}
