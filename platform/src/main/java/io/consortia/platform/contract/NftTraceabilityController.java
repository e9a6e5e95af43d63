package io.consortia.platform.contract;

import io.consortia.node.contracts.ContractIds;
import io.consortia.platform.contract.ContractController.CallResult;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The built-in {@code nft} and {@code traceability} contracts over REST, signed with the caller's
 * custodial identity like assets and tokens. The invariants (only the owner or an approved account
 * transfers; one owner per token; a batch's history only grows, in order) are the contracts' own, on
 * chain: a refusal is a 409 problem with the contract's reason, and nothing is written. A read of a
 * collection, token or batch that does not exist is a 404 problem.
 */
@RestController
@RequestMapping("/api/v1/consortia/{id}/channels/{channel}")
@Tag(name = "NFT and traceability")
class NftTraceabilityController {
    private static final String ID = ContractIds.REGEX;
    private static final String ID_MESSAGE = ContractController.ID_MESSAGE;
    private final ContractService contracts;
    private final CurrentUser currentUser;

    NftTraceabilityController(ContractService contracts, CurrentUser currentUser) {
        this.contracts = contracts;
        this.currentUser = currentUser;
    }

    record NewCollection(@NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String collection,
            @NotBlank @Size(max = 256) String name) {}

    record Minter(@NotBlank @Size(max = 64) String organization) {}

    record Mint(@NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String tokenId,
            @NotBlank @Size(max = 512) String toAccount, @NotNull @Size(max = 2048) String tokenUri) {}

    record NftTransfer(@NotBlank @Size(max = 512) String toAccount) {}

    record NewBatch(@NotBlank @Pattern(regexp = ID, message = ID_MESSAGE) String batchId,
            @NotBlank @Size(max = 256) String product, @Size(max = 32) Map<String, @Size(max = 1024) String> attributes) {}

    record TraceEvent(@NotBlank @Pattern(regexp = ID, message = ID_MESSAGE)
            String type, @NotNull @Size(max = 4096) String details) {}

    record Custody(@NotBlank @Size(max = 64) String toOrganization, @NotNull @Size(max = 4096) String details) {}

    @Operation(summary = "Create an NFT collection; your organisation may mint in it and add minters")
    @PostMapping("/nft-collections")
    @ResponseStatus(HttpStatus.CREATED)
    CallResult createCollection(@PathVariable long id, @PathVariable String channel,
            @Valid @RequestBody NewCollection request) {
        return submit(id, channel, "nft", "createCollection", request.collection(), request.name());
    }

    @ApiResponse(responseCode = "200", description = "The collection as the nft contract records it")
    @ApiResponse(responseCode = "404", description = "No such collection on the channel (or no such channel)")
    @Operation(summary = "An NFT collection")
    @GetMapping("/nft-collections/{collection}")
    Object collection(@PathVariable long id, @PathVariable String channel, @PathVariable String collection) {
        check(collection, "collection");
        return read(id, channel, "nft", "collection", collection);
    }

    @Operation(summary = "Authorise another organisation to mint in a collection (the collection's creator)")
    @PostMapping("/nft-collections/{collection}/minters")
    CallResult addMinter(@PathVariable long id, @PathVariable String channel, @PathVariable String collection,
            @Valid @RequestBody Minter minter) {
        check(collection, "collection");
        return submit(id, channel, "nft", "addMinter", collection, minter.organization());
    }

    @Operation(summary = "Mint a token to an account (<organisation>/<name>): an authorised organisation's user")
    @PostMapping("/nft-collections/{collection}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    CallResult mint(@PathVariable long id, @PathVariable String channel, @PathVariable String collection,
            @Valid @RequestBody Mint mint) {
        check(collection, "collection");
        return contracts.asCaller(currentUser.get(), id, channel,
                organizations -> ContractController.requireAccount(organizations, mint.toAccount(), channel),
                call -> ContractController.result(call.submit("nft", "mint", collection, mint.tokenId(),
                        mint.toAccount(), mint.tokenUri())));
    }

    @ApiResponse(responseCode = "200", description = "The token: its owner and its URI")
    @ApiResponse(responseCode = "404", description = "No such collection or token on the channel (or no such channel)")
    @Operation(summary = "A token: its one owner and its URI")
    @GetMapping("/nft-collections/{collection}/tokens/{tokenId}")
    Object token(@PathVariable long id, @PathVariable String channel, @PathVariable String collection,
            @PathVariable String tokenId) {
        check(collection, "collection");
        check(tokenId, "tokenId");
        return contracts.asReader(currentUser.get(), id, channel, call -> Map.of(
                "owner", field(ContractController.json(call.evaluate("nft", "ownerOf", collection, tokenId)), "owner"),
                "tokenURI", field(ContractController.json(call.evaluate("nft", "tokenURI", collection, tokenId)),
                        "tokenURI")));
    }

    @Operation(summary = "Transfer a token to another account: its owner (or an approved account) only")
    @PostMapping("/nft-collections/{collection}/tokens/{tokenId}/transfer")
    CallResult transfer(@PathVariable long id, @PathVariable String channel, @PathVariable String collection,
            @PathVariable String tokenId, @Valid @RequestBody NftTransfer transfer) {
        check(collection, "collection");
        check(tokenId, "tokenId");
        return contracts.asCaller(currentUser.get(), id, channel,
                organizations -> ContractController.requireAccount(organizations, transfer.toAccount(), channel),
                call -> ContractController.result(call.submit("nft", "transfer", collection, tokenId,
                        transfer.toAccount())));
    }

    @ApiResponse(responseCode = "200",
            description = "collection, account and the tokenIds the account owns, in ascending order")
    @ApiResponse(responseCode = "404", description = "No such collection on the channel (or no such channel)")
    @Operation(summary = "The tokens an account owns in a collection; without ?account, your own")
    @GetMapping("/nft-collections/{collection}/owned")
    Object owned(@PathVariable long id, @PathVariable String channel, @PathVariable String collection,
            @RequestParam(required = false) String account) {
        check(collection, "collection");
        if (account != null && (account.isBlank() || account.length() > 512)) {
            throw InvalidFields.field("account", "must be 1-512 characters: <organisation>/<name>");
        }
        return contracts.asReader(currentUser.get(), id, channel, call -> {
            String of = account != null ? account
                    : String.valueOf(field(ContractController.json(call.evaluate("nft", "account")), "account"));
            return ContractController.json(call.evaluate("nft", "tokensOf", collection, of));
        });
    }

    @Operation(summary = "Create a product batch (溯源); your organisation is its first custodian")
    @PostMapping("/batches")
    @ResponseStatus(HttpStatus.CREATED)
    CallResult createBatch(@PathVariable long id, @PathVariable String channel, @Valid @RequestBody NewBatch batch) {
        Map<String, String> attributes = batch.attributes() == null ? Map.of() : batch.attributes();
        String json;
        try {
            json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new java.util.TreeMap<>(attributes));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
        return submit(id, channel, "traceability", "createBatch", batch.batchId(), batch.product(), json);
    }

    @ApiResponse(responseCode = "200", description = "The batch: product, attributes, current custodian")
    @ApiResponse(responseCode = "404", description = "No such batch on the channel (or no such channel)")
    @Operation(summary = "A batch: product, attributes, current custodian")
    @GetMapping("/batches/{batchId}")
    Object batch(@PathVariable long id, @PathVariable String channel, @PathVariable String batchId) {
        check(batchId, "batchId");
        return read(id, channel, "traceability", "batch", batchId);
    }

    @Operation(summary = "Record a custody event on a batch (its custodian's organisation)")
    @PostMapping("/batches/{batchId}/events")
    @ResponseStatus(HttpStatus.CREATED)
    CallResult recordEvent(@PathVariable long id, @PathVariable String channel, @PathVariable String batchId,
            @Valid @RequestBody TraceEvent event) {
        check(batchId, "batchId");
        return submit(id, channel, "traceability", "recordEvent", batchId, event.type(), event.details());
    }

    @Operation(summary = "Hand a batch over to another organisation (its custodian's organisation)")
    @PostMapping("/batches/{batchId}/custody")
    CallResult transferCustody(@PathVariable long id, @PathVariable String channel, @PathVariable String batchId,
            @Valid @RequestBody Custody custody) {
        check(batchId, "batchId");
        return submit(id, channel, "traceability", "transferCustody", batchId, custody.toOrganization(),
                custody.details());
    }

    @ApiResponse(responseCode = "200", description = "The batch's events, in order",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(type = "object"))))
    @ApiResponse(responseCode = "404", description = "No such batch on the channel (or no such channel)")
    @Operation(summary = "A batch's whole history, in order (append-only)")
    @GetMapping("/batches/{batchId}/history")
    Object history(@PathVariable long id, @PathVariable String channel, @PathVariable String batchId) {
        check(batchId, "batchId");
        return read(id, channel, "traceability", "history", batchId);
    }

    private CallResult submit(long id, String channel, String contract, String function, String... args) {
        return contracts.asCaller(currentUser.get(), id, channel,
                call -> ContractController.result(call.submit(contract, function, args)));
    }

    private Object read(long id, String channel, String contract, String function, String... args) {
        return contracts.asReader(currentUser.get(), id, channel,
                call -> ContractController.json(call.evaluate(contract, function, args)));
    }

    private static Object field(Object json, String name) {
        return json instanceof Map<?, ?> map ? map.get(name) : json;
    }

    private static void check(String value, String what) {
        ContractController.checkId(value, what);
    }
}
