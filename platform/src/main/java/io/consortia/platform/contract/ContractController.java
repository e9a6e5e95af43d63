package io.consortia.platform.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.contracts.Accounts;
import io.consortia.node.contracts.ContractIds;
import io.consortia.node.contracts.NotarizationContract;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.MaxUtf8Bytes;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.ProofVerifier;
import io.consortia.sdk.SubmitResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.Base64;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/consortia/{id}/channels/{channel}")
@Tag(name = "Contracts")
class ContractController {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ids and symbols follow the contracts' own rule, so whatever a contract stored can be read here. */
    static final String ID_MESSAGE = "must be " + ContractIds.RULE;
    private final ContractService contracts;
    private final ConsortiumService consortia;
    private final CurrentUser currentUser;

    ContractController(ContractService contracts, ConsortiumService consortia, CurrentUser currentUser) {
        this.contracts = contracts;
        this.consortia = consortia;
        this.currentUser = currentUser;
    }

    record Notarization(
            @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex characters (SHA-256 or SM3)")
            String documentHash,
            @MaxUtf8Bytes(NotarizationContract.MAX_METADATA_BYTES) String metadata) {}

    record NewAsset(@NotBlank @Pattern(regexp = ContractIds.REGEX, message = ID_MESSAGE)
            String assetId, @NotNull @Size(max = 1024) String description, @NotNull @Min(0) @Max(Long.MAX_VALUE) Long value) {}

    record Transfer(@NotBlank @Size(max = 64) String newOwnerOrganization) {}

    /** A committed call: where it is recorded and what the contract returned. */
    record CallResult(String transactionId, long blockNumber, Object result) {}

    /** A notarization record and whether its transaction's Merkle proof checks out. */
    record Verification(boolean notarized, Object record, String transactionId, long blockNumber, String blockHash,
            boolean proofVerified, String receipt) {}

    @Operation(summary = "Notarize a document hash (数据存证), signed with the caller's custodial identity")
    @PostMapping("/notarizations")
    @ResponseStatus(HttpStatus.CREATED)
    CallResult notarize(@PathVariable long id, @PathVariable String channel, @Valid @RequestBody Notarization request) {
        return contracts.asCaller(currentUser.get(), id, channel, call -> result(call.submit("notarization", "record",
                request.documentHash().toLowerCase(java.util.Locale.ROOT),
                request.metadata() == null ? "" : request.metadata())));
    }

    @ApiResponse(responseCode = "200",
            description = "The record, the transaction and block that hold it, and whether its Merkle proof verified")
    @ApiResponse(responseCode = "404", description = "No record of this document hash on the channel (or no such channel)")
    @Operation(summary = "Verify a document hash: its record and the Merkle proof of the transaction that recorded it")
    @GetMapping("/notarizations/{documentHash}")
    Verification verify(@PathVariable long id, @PathVariable String channel, @PathVariable String documentHash) {
        if (!documentHash.matches("[0-9a-fA-F]{64}")) {
            throw InvalidFields.field("documentHash", "must be 64 hex characters");
        }
        SignatureScheme scheme = consortia.requireVisible(currentUser.get(), id).signatureScheme().scheme();
        return contracts.asReader(currentUser.get(), id, channel, call -> {
            Object record;
            try {
                record = json(call.evaluate("notarization", "get", documentHash.toLowerCase(java.util.Locale.ROOT)));
            } catch (GatewayException e) {
                // the node answers NOT_FOUND for a hash it has no record of (any other refusal is not that)
                if (e.status().map(s -> s.getCode() == io.grpc.Status.Code.NOT_FOUND).orElse(false)) {
                    throw PlatformException.notFound("Notarization of", documentHash);
                }
                throw e;
            }
            String transactionId = record instanceof java.util.Map<?, ?> map ? String.valueOf(map.get("transactionId")) : "";
            TransactionInfo info = call.transaction(transactionId);
            boolean verified = ProofVerifier.verifyNotarization(info, documentHash, scheme.hash());
            return new Verification(true, record, transactionId, info.getBlockNumber(),
                    io.consortia.crypto.Hashes.hex(info.getBlockHash().toByteArray()), verified,
                    Base64.getEncoder().encodeToString(info.toByteArray()));
        });
    }

    @Operation(summary = "Create an asset (资产), owned by the caller's organisation")
    @PostMapping("/assets")
    @ResponseStatus(HttpStatus.CREATED)
    CallResult createAsset(@PathVariable long id, @PathVariable String channel, @Valid @RequestBody NewAsset asset) {
        return contracts.asCaller(currentUser.get(), id, channel, call -> result(call.submit("asset", "create",
                asset.assetId(), asset.description(), Long.toString(asset.value()))));
    }

    @Operation(summary = "Transfer an asset to another organisation (a user of the current owner)",
            description = "newOwnerOrganization must be the name of an organisation of the channel; any other is "
                    + "refused with 400 (and by the asset contract on chain), since the asset could never be moved "
                    + "again.")
    @PostMapping("/assets/{assetId}/transfer")
    CallResult transfer(@PathVariable long id, @PathVariable String channel, @PathVariable String assetId,
            @Valid @RequestBody Transfer transfer) {
        checkId(assetId, "assetId");
        String newOwner = transfer.newOwnerOrganization();
        return contracts.asCaller(currentUser.get(), id, channel, organizations -> requireMember(organizations,
                newOwner, "newOwnerOrganization", channel), call -> result(call.submit("asset", "transfer",
                assetId, newOwner)));
    }

    @ApiResponse(responseCode = "200", description = "The asset as the asset contract records it")
    @ApiResponse(responseCode = "404", description = "No asset with this id on the channel (or no such channel)")
    @Operation(summary = "Read an asset (users of the channel's organisations, the platform admin, auditors)")
    @GetMapping("/assets/{assetId}")
    Object readAsset(@PathVariable long id, @PathVariable String channel, @PathVariable String assetId) {
        checkId(assetId, "assetId");
        return contracts.asReader(currentUser.get(), id, channel, call -> json(call.evaluate("asset", "read", assetId)));
    }

    @ApiResponse(responseCode = "200", description = "Every version of the asset, oldest first",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(type = "object"))))
    @ApiResponse(responseCode = "404", description = "No asset with this id on the channel (or no such channel)")
    @Operation(summary = "Every version of an asset, oldest first")
    @GetMapping("/assets/{assetId}/history")
    Object history(@PathVariable long id, @PathVariable String channel, @PathVariable String assetId) {
        checkId(assetId, "assetId");
        return contracts.asReader(currentUser.get(), id, channel, call -> {
            Object versions = json(call.evaluate("asset", "history", assetId));
            // the contract lists no versions for an unknown id; an asset has one from its creation on
            if (versions instanceof java.util.List<?> list && list.isEmpty()) {
                throw PlatformException.notFound("Asset", assetId);
            }
            return versions;
        });
    }

    record NewToken(@NotBlank @Pattern(regexp = ContractIds.REGEX, message = ID_MESSAGE)
            String symbol, @NotBlank @Size(max = 256) String name, @NotNull @Min(0) @Max(Long.MAX_VALUE) Long initialSupply) {}

    record TokenTransfer(@NotBlank @Size(max = 512) String toAccount, @NotNull @Min(1) @Max(Long.MAX_VALUE) Long amount) {}

    record Amount(@NotNull @Min(1) @Max(Long.MAX_VALUE) Long amount) {}

    @Operation(summary = "Issue a fungible token (通证); the caller's account holds the initial supply and may mint more")
    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    CallResult createToken(@PathVariable long id, @PathVariable String channel, @Valid @RequestBody NewToken token) {
        return contracts.asCaller(currentUser.get(), id, channel, call -> result(call.submit("token", "create",
                token.symbol(), token.name(), Long.toString(token.initialSupply()))));
    }

    @ApiResponse(responseCode = "200", description = "The token: symbol, name, issuer account and total supply")
    @ApiResponse(responseCode = "404", description = "No token with this symbol on the channel (or no such channel)")
    @Operation(summary = "A token: name, issuer account and total supply")
    @GetMapping("/tokens/{symbol}")
    Object token(@PathVariable long id, @PathVariable String channel, @PathVariable String symbol) {
        checkId(symbol, "symbol");
        return contracts.asReader(currentUser.get(), id, channel, call -> json(call.evaluate("token", "info", symbol)));
    }

    @ApiResponse(responseCode = "200", description = "The balance: symbol, account, balance")
    @ApiResponse(responseCode = "404", description = "No token with this symbol on the channel (or no such channel)")
    @Operation(summary = "Balance of an account (<organisation>/<name>); without ?account, the caller's own account")
    @GetMapping("/tokens/{symbol}/balance")
    Object balance(@PathVariable long id, @PathVariable String channel, @PathVariable String symbol,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String account) {
        checkId(symbol, "symbol");
        if (account != null && (account.isBlank() || account.length() > 512)) {
            throw InvalidFields.field("account", "must be 1-512 characters: <organisation>/<name>");
        }
        Caller caller = currentUser.get();
        if (account == null && caller.organizationId() == null) {
            throw InvalidFields.field("account", "is required: " + caller.username() + " belongs to no "
                    + "organisation and so has no account; give <organisation>/<name>");
        }
        return contracts.asReader(caller, id, channel, call -> {
            String of = account != null ? account
                    : String.valueOf(((java.util.Map<?, ?>) json(call.evaluate("token", "account"))).get("account"));
            return json(call.evaluate("token", "balance", symbol, of));
        });
    }

    @Operation(summary = "Transfer from the caller's account to another account (<organisation>/<name>)",
            description = "toAccount is <organisation>/<name>: the organisation one of the channel's, the name "
                    + Accounts.RECIPIENT_RULE + ", as a user's account shows it. Anything else is "
                    + "refused with 400 (and by the token contract on chain): tokens sent there would be lost. "
                    + "amount is a JSON whole number: 1.5 or \"12\" are refused, not rounded or converted.")
    @PostMapping("/tokens/{symbol}/transfers")
    CallResult transferToken(@PathVariable long id, @PathVariable String channel, @PathVariable String symbol,
            @Valid @RequestBody TokenTransfer transfer) {
        checkId(symbol, "symbol");
        String to = transfer.toAccount();
        return contracts.asCaller(currentUser.get(), id, channel, organizations -> requireAccount(organizations, to,
                channel), call -> result(call.submit("token", "transfer", symbol, to, Long.toString(transfer.amount()))));
    }

    private static void requireMember(java.util.Set<String> organizations, String organization, String field,
            String channel) {
        if (!organizations.contains(organization)) {
            throw PlatformException.invalid(field + " must be an organisation of channel " + channel + " ("
                    + String.join(", ", organizations) + ")");
        }
    }

    /**
     * An account something is sent to, checked by the contracts' own rule ({@link Accounts}) before
     * anything is signed: tokens or an NFT sent to a holder that can never sign would be lost.
     */
    static void requireAccount(java.util.Set<String> organizations, String account, String channel) {
        int slash = account.indexOf('/');
        if (slash <= 0 || !Accounts.recipientName(account.substring(slash + 1))) {
            throw InvalidFields.field("toAccount", "must be <organisation>/<name> with " + Accounts.RECIPIENT_RULE
                    + ", as GET .../balance shows a user's or an application's account");
        }
        requireMember(organizations, account.substring(0, slash), "toAccount's organisation", channel);
    }

    @Operation(summary = "Mint more of a token into the issuer's account (the issuer only)")
    @PostMapping("/tokens/{symbol}/mint")
    CallResult mint(@PathVariable long id, @PathVariable String channel, @PathVariable String symbol,
            @Valid @RequestBody Amount amount) {
        return submitAmount(id, channel, symbol, "mint", amount);
    }

    @Operation(summary = "Burn an amount of the caller's balance, taking it off the supply")
    @PostMapping("/tokens/{symbol}/burn")
    CallResult burn(@PathVariable long id, @PathVariable String channel, @PathVariable String symbol,
            @Valid @RequestBody Amount amount) {
        return submitAmount(id, channel, symbol, "burn", amount);
    }

    private CallResult submitAmount(long id, String channel, String symbol, String function, Amount amount) {
        checkId(symbol, "symbol");
        return contracts.asCaller(currentUser.get(), id, channel, call -> result(call.submit("token", function,
                symbol, Long.toString(amount.amount()))));
    }

    /** An id in the path, checked here so that a wrong one is a 400 naming it rather than the contract's 409. */
    static void checkId(String value, String name) {
        if (!ContractIds.isValid(value)) {
            throw InvalidFields.field(name, ID_MESSAGE);
        }
    }

    static CallResult result(SubmitResult submitted) {
        String text = submitted.resultAsString();
        return new CallResult(submitted.transactionId(), submitted.blockNumber(), text.isEmpty() ? null : json(text));
    }

    /** The contract's JSON result as plain maps and lists (text when it is not JSON). */
    static Object json(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (IOException e) {
            return text;
        }
    }
}
