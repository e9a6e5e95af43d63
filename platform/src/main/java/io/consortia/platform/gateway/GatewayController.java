package io.consortia.platform.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.crypto.Hashes;
import io.consortia.node.contracts.NotarizationContract;
import io.consortia.platform.channel.NodeRefusals;
import io.consortia.platform.channel.ReturnValues;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.MaxUtf8Bytes;
import io.consortia.platform.system.OpenApiConfig;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.ProofVerifier;
import io.consortia.sdk.ReceiptJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application gateway: every request here was signed with an access key and checked by
 * {@link GatewayFilter}; transactions are signed on chain with the application's custodial
 * identity. docs/gateway-signing.md tells how to sign.
 */
@RestController
@RequestMapping("/gateway/v1/channels/{channel}")
@Tag(name = "Application gateway (AK/SK)")
// signed with an access key, not a bearer token: GatewayOpenApi describes the scheme
@SecurityRequirement(name = OpenApiConfig.GATEWAY_SCHEME)
class GatewayController {
    static final int MAX_TRANSACTIONS = 1000;
    private static final String NAME = "[A-Za-z0-9._:-]{1,64}";
    private static final String NAME_RULE = "must be 1-64 of A-Z, a-z, 0-9, '.', '_', ':', '-'";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private final GatewayService gateway;

    GatewayController(GatewayService gateway) {
        this.gateway = gateway;
    }

    /**
     * One contract call. {@code args} may be left out (no arguments), but {@code "args": null} is not
     * an array and is refused like {@code "args": "CNY"} (400 "args must be an array"), rather than
     * taken as no arguments and submitted.
     */
    record Call(String contract, String function, @tools.jackson.databind.annotation.JsonDeserialize(using = CallArgs.class) List<String> args) {
        Call {
            // left out: no arguments, for every reader (an evaluation passes them on as they are)
            args = args == null ? List.of() : args;
        }

        GatewayService.Invocation invocation(boolean submitted) {
            return new GatewayService.Invocation(contract, function, submitted);
        }
    }

    /** One call ({@code contract}, {@code function}, {@code args}) or many ({@code transactions}). */
    record Submission(String contract, String function, @tools.jackson.databind.annotation.JsonDeserialize(using = CallArgs.class) List<String> args,
            List<Call> transactions) {}

    /**
     * result: the return value as JSON, or text, when it is UTF-8; resultBase64: its exact bytes.
     * blockNumber: the block the call is in (a CONTRACT_REJECTED one is in a block too), null for a
     * call in none: REJECTED before ordering, or ACCEPTED and not yet committed. The node answers 0
     * for those, which is also a real block's number.
     */
    record Outcome(String transactionId, String status, String code, String reason, Long blockNumber, Object result,
            String resultBase64) {}

    record Submitted(int count, int valid, List<Outcome> transactions) {}


    record Notarization(String documentHash, String metadata) {}

    @Operation(summary = "Submit one or many contract calls (up to 1000), each committed and reported in order",
            description = "Each outcome's result is the return value as JSON, or text, when it is valid UTF-8, else "
                    + "null; resultBase64 is its exact bytes.")
    @PostMapping("/transactions")
    Submitted submit(@PathVariable String channel, @RequestBody Submission submission, HttpServletRequest request) {
        List<Call> calls = calls(submission);
        return gateway.call(key(request), channel, calls.stream().map(c -> c.invocation(true)).toList(), scoped -> {
            List<io.consortia.protocol.v1.Transaction> transactions = calls.stream()
                    .map(c -> scoped.channel().newTransaction(c.contract(), c.function(), c.args().toArray(String[]::new)))
                    .toList();
            List<Outcome> outcomes = scoped.channel().submitAll(transactions, true).stream()
                    .map(GatewayController::outcome).toList();
            int valid = (int) outcomes.stream().filter(o -> "VALID".equals(o.code())).count();
            return new Submitted(outcomes.size(), valid, outcomes);
        });
    }

    @ApiResponse(responseCode = "200", description = "Evaluated: the contract's return value (result, resultBase64)")
    @ApiResponse(responseCode = "404", description = "The read found no record (a built-in contract's asset, token, batch, collection, NFT or notarization that does not exist), no such channel, contract or function")
    @ApiResponse(responseCode = "409", description = "The contract refused the read (contract-rejected: its verdict, e.g. CONTRACT_REJECTED, OUT_OF_FUEL, CONTRACT_FROZEN)")
    @Operation(summary = "Evaluate a contract call (a read: nothing is ordered or written)",
            description = "result: the return value as JSON, or text, when it is valid UTF-8, else null; "
                    + "resultBase64: its exact bytes. A refusal is a problem whose status follows the node's code "
                    + "(409 contract-rejected for the contract's verdict, 403 FORBIDDEN, 404 a record that does not "
                    + "exist or an unknown contract or function, 422 transaction-refused).")
    @PostMapping("/evaluate")
    Map<String, Object> evaluate(@PathVariable String channel, @RequestBody Call call, HttpServletRequest request) {
        if (call == null) {
            throw PlatformException.invalid("The body must be a contract call: contract, function, args");
        }
        InvalidFields invalid = new InvalidFields();
        check(call, "", invalid);
        invalid.throwIfAny();
        return gateway.call(key(request), channel, List.of(call.invocation(false)), scoped -> evaluated(scoped.channel()
                .contract(call.contract()).evaluate(call.function(), call.args().toArray(String[]::new))));
    }

    @ApiResponse(responseCode = "201", description = "Notarized: committed VALID in blockNumber")
    @ApiResponse(responseCode = "202", description = "Ordered but not yet committed when the node stopped waiting (status ACCEPTED): look it up later with GET .../transactions/{transactionId}")
    @ApiResponse(responseCode = "409", description = "The contract refused the call (contract-rejected, e.g. the "
            + "document hash is already notarized): the problem names the transactionId and blockNumber recording it")
    @Operation(summary = "Notarize a document hash (contract notarization, function record)")
    @PostMapping("/notarizations")
    ResponseEntity<Outcome> notarize(@PathVariable String channel, @RequestBody Notarization notarization,
            HttpServletRequest request) {
        if (notarization == null) {
            throw PlatformException.invalid("The body must be a notarization: documentHash, metadata");
        }
        InvalidFields invalid = new InvalidFields();
        String hash = documentHash(notarization.documentHash(), invalid);
        String metadata = metadata(notarization, invalid);
        invalid.throwIfAny();
        Outcome outcome = gateway.call(key(request), channel,
                List.of(new GatewayService.Invocation("notarization", "record", true)), scoped -> outcome(scoped.channel()
                        .submitAll(List.of(scoped.channel().newTransaction("notarization", "record", hash, metadata)),
                                true).get(0)));
        return notarized(outcome);
    }

    /**
     * 201 for a committed notarization, the refusal's problem for a refused one (with the transactionId and
     * blockNumber that record it, when it is in a block), and 202 for one still
     * waiting for its block: it has no verdict yet and may well commit, so it is neither a success
     * nor a refusal, and the caller needs its transaction id to look it up.
     */
    static ResponseEntity<Outcome> notarized(Outcome outcome) {
        if ("ACCEPTED".equals(outcome.status())) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome);
        }
        if (!"VALID".equals(outcome.code())) {
            ValidationCode code = ValidationCode.valueOf(outcome.code());
            // one in a block (COMMITTED, marked with its verdict) names it; one refused before ordering is in none
            throw outcome.blockNumber() != null
                    ? NodeRefusals.recorded(code, outcome.reason(), outcome.transactionId(), outcome.blockNumber())
                    : NodeRefusals.of(code, outcome.reason());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(outcome);
    }

    @ApiResponse(responseCode = "200",
            description = "The record, the transaction and block that hold it, and whether its Merkle proof verified")
    @ApiResponse(responseCode = "404", description = "No record of this document hash on the channel")
    @Operation(summary = "Verify a document hash: its record and the Merkle proof of the transaction that recorded it")
    @GetMapping("/notarizations/{documentHash}")
    Map<String, Object> verify(@PathVariable String channel, @PathVariable String documentHash,
            HttpServletRequest request) {
        InvalidFields invalid = new InvalidFields();
        String hash = documentHash(documentHash, invalid);
        invalid.throwIfAny();
        return gateway.call(key(request), channel, List.of(new GatewayService.Invocation("notarization", "get", false)),
                scoped -> {
                    Object record;
                    try {
                        record = json(new String(scoped.channel().contract("notarization").evaluate("get", hash),
                                StandardCharsets.UTF_8));
                    } catch (GatewayException e) {
                        if (e.status().map(s -> s.getCode() == io.grpc.Status.Code.NOT_FOUND).orElse(false)) {
                            throw PlatformException.notFound("Notarization of", hash);
                        }
                        throw e;
                    }
                    String transactionId = record instanceof Map<?, ?> map ? String.valueOf(map.get("transactionId")) : "";
                    TransactionInfo info = scoped.channel().transaction(transactionId);
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("notarized", true);
                    answer.put("record", record);
                    answer.put("transactionId", transactionId);
                    answer.put("blockNumber", info.getBlockNumber());
                    answer.put("blockHash", Hashes.hex(info.getBlockHash().toByteArray()));
                    answer.put("proofVerified", ProofVerifier.verifyNotarization(info, hash, scoped.hash()));
                    return answer;
                });
    }

    @Operation(summary = "A block by number",
            description = "transactions lists those of the contracts in the access key's scope; "
                    + "transactionsOutOfScope counts the others, transactionCount is every transaction of the block.")
    @GetMapping("/blocks/{number}")
    Map<String, Object> block(@PathVariable String channel, @PathVariable String number, HttpServletRequest request) {
        long n;
        try {
            n = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw InvalidFields.field("number", "must be a whole number (for a hash, use /blocks?hash=...)");
        }
        if (n < 0) {
            throw InvalidFields.field("number", "must not be negative");
        }
        AccessKey key = key(request);
        return gateway.call(key, channel, List.of(), scoped -> block(scoped.channel().blockByNumber(n), key));
    }

    @Operation(summary = "A block by hash (hex)",
            description = "As a block by number: only the transactions of the contracts in the access key's scope.")
    @GetMapping("/blocks")
    Map<String, Object> blockByHash(@PathVariable String channel, @RequestParam String hash, HttpServletRequest request) {
        if (!hash.matches("[0-9a-fA-F]{64}")) {
            throw InvalidFields.field("hash", "must be 64 hex characters");
        }
        byte[] bytes = HEX.parseHex(hash.toLowerCase(Locale.ROOT));
        AccessKey key = key(request);
        return gateway.call(key, channel, List.of(), scoped -> block(scoped.channel().blockByHash(bytes), key));
    }

    @ApiResponse(responseCode = "200", description = "The transaction's receipt",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
                    description = "consortia-receipt version 1 (docs/protocol.md)")))
    @ApiResponse(responseCode = "403", description = "gateway-out-of-scope: the transaction calls a contract outside the access key's scope (the detail names it)")
    @Operation(summary = "A transaction by id, as a verifiable receipt (its format: docs/protocol.md)")
    @GetMapping(value = "/transactions/{transactionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    String transaction(@PathVariable String channel, @PathVariable String transactionId, HttpServletRequest request) {
        if (!transactionId.matches("[0-9a-fA-F]{64}")) {
            throw InvalidFields.field("transactionId", "must be 64 hex characters");
        }
        AccessKey key = key(request);
        return gateway.call(key, channel, List.of(), scoped -> {
            TransactionInfo info = scoped.channel().transaction(transactionId.toLowerCase(Locale.ROOT));
            // the receipt holds the call's arguments and result: the contract's data, read only with a key for it
            GatewayService.requireReadable(key, info.getTransaction().getTransactionId(),
                    contractOf(info.getTransaction()));
            return ReceiptJson.write(info, scoped.hash());
        });
    }

    private static AccessKey key(HttpServletRequest request) {
        Object key = request.getAttribute(GatewayFilter.KEY);
        if (!(key instanceof AccessKey accessKey)) {
            throw GatewayRefusal.unsigned("The request was not verified");
        }
        return accessKey;
    }

    private static List<Call> calls(Submission submission) {
        if (submission == null) {
            throw PlatformException.invalid("The body must be a contract call or {\"transactions\": [...]}");
        }
        boolean single = submission.contract() != null || submission.function() != null || submission.args() != null;
        if (single == (submission.transactions() != null)) {
            throw PlatformException.invalid("Give either one call (contract, function, args) or transactions, "
                    + "not both and not neither");
        }
        List<Call> calls = single ? List.of(new Call(submission.contract(), submission.function(),
                submission.args())) : submission.transactions();
        InvalidFields invalid = new InvalidFields();
        if (calls.isEmpty() || calls.size() > MAX_TRANSACTIONS) {
            // each of thousands of calls is not worth naming: the batch is refused as a whole
            invalid.add("transactions", "must hold 1 to " + MAX_TRANSACTIONS + " calls").throwIfAny();
        }
        for (int i = 0; i < calls.size(); i++) {
            check(calls.get(i), single ? "" : "transactions[" + i + "]", invalid);
        }
        invalid.throwIfAny();
        return calls;
    }

    /** Adds every field of the call that is wrong, named under {@code where} (a batch's "transactions[3]"). */
    static void check(Call call, String where, InvalidFields invalid) {
        String prefix = where.isEmpty() ? "" : where + ".";
        if (call == null) {
            invalid.add(where.isEmpty() ? "call" : where, "must be an object");
            return;
        }
        if (call.contract() == null || !call.contract().matches(NAME)) {
            invalid.add(prefix + "contract", NAME_RULE);
        }
        if (call.function() == null || !call.function().matches(NAME)) {
            invalid.add(prefix + "function", NAME_RULE);
        }
        if (call.args() != null && (call.args().size() > 64 || call.args().stream().anyMatch(a -> a == null))) {
            invalid.add(prefix + "args", "must be at most 64 strings, none null");
        }
    }

    /** The contract's limit, in UTF-8 bytes: checked here, a longer one would be refused in a block. */
    static String metadata(Notarization notarization, InvalidFields invalid) {
        String metadata = notarization.metadata() == null ? "" : notarization.metadata();
        if (!MaxUtf8Bytes.Check.fits(metadata, NotarizationContract.MAX_METADATA_BYTES)) {
            invalid.add("metadata", "must be at most " + NotarizationContract.MAX_METADATA_BYTES
                    + " bytes of UTF-8 (a character outside ASCII takes 2 to 4)");
        }
        return metadata;
    }

    private static String documentHash(String hash, InvalidFields invalid) {
        if (hash == null || !hash.matches("[0-9a-fA-F]{64}")) {
            invalid.add("documentHash", "must be 64 hex characters (SHA-256 or SM3)");
            return hash;
        }
        return hash.toLowerCase(Locale.ROOT);
    }

    static Outcome outcome(SubmitResponse response) {
        byte[] returned = response.getResult().toByteArray();
        String text = ReturnValues.text(returned);
        Long blockNumber = response.getStatus() == TransactionStatus.COMMITTED ? response.getBlockNumber() : null;
        return new Outcome(response.getTransactionId(), response.getStatus().name(), response.getCode().name(),
                response.getReason(), blockNumber, text == null || text.isEmpty() ? null : json(text),
                ReturnValues.base64(returned));
    }

    /** result: JSON as maps and lists, other text as text, null for bytes that are not UTF-8; resultBase64: the bytes. */
    static Map<String, Object> evaluated(byte[] returned) {
        String text = ReturnValues.text(returned);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("result", text == null ? null : json(text));
        answer.put("resultBase64", ReturnValues.base64(returned));
        return answer;
    }

    /**
     * The block as {@code key} may see it: its header, and of its transactions those of contracts in the
     * key's scope ({@code transactionsOutOfScope} counts the others, which are left out; a key for every
     * contract sees them all). {@code transactionCount} stays the header's, every transaction of the block.
     */
    static Map<String, Object> block(Block block, AccessKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("number", block.getHeader().getNumber());
        view.put("hash", HEX.formatHex(block.getHash().toByteArray()));
        view.put("previousHash", HEX.formatHex(block.getHeader().getPreviousHash().toByteArray()));
        view.put("timestampMillis", block.getHeader().getTimestampMillis());
        view.put("transactionCount", block.getHeader().getTransactionCount());
        List<Map<String, Object>> transactions = new ArrayList<>();
        int outOfScope = 0;
        for (BlockTransaction transaction : block.getTransactionsList()) {
            TransactionPayload payload = payloadOf(transaction);
            if (!key.allowsContract(payload.getContract())) {
                outOfScope++;
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("transactionId", transaction.getTransactionId());
            item.put("creatorOrganization", payload.getCreator().getOrganization());
            item.put("contract", payload.getContract());
            item.put("function", payload.getFunction());
            item.put("code", transaction.getCode().name());
            item.put("reason", transaction.getReason());
            transactions.add(item);
        }
        view.put("transactionsOutOfScope", outOfScope);
        view.put("transactions", transactions);
        return view;
    }

    /** The contract a recorded transaction calls ("" when its payload cannot be read). */
    private static String contractOf(BlockTransaction transaction) {
        return payloadOf(transaction).getContract();
    }

    private static TransactionPayload payloadOf(BlockTransaction transaction) {
        try {
            return TransactionPayload.parseFrom(transaction.getTransaction().getPayload());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return TransactionPayload.getDefaultInstance();
        }
    }

    private static Object json(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (IOException e) {
            return text;
        }
    }
}
