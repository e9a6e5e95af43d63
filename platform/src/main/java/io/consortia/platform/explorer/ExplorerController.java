package io.consortia.platform.explorer;

import io.consortia.platform.explorer.ExplorerViews.*;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.CsvField;
import io.consortia.platform.system.TimeParameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/consortia/{id}")
@Tag(name = "Explorer")
class ExplorerController {
    private final ExplorerService explorer;
    private final CurrentUser currentUser;

    ExplorerController(ExplorerService explorer, CurrentUser currentUser) {
        this.explorer = explorer;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Organisations, nodes with status and height, channels, block height, transaction count, "
            + "throughput over the last minute")
    @GetMapping("/overview")
    Overview overview(@PathVariable long id) {
        return explorer.overview(currentUser.get(), id);
    }

    @Operation(summary = "Find a block by number or hash, or a transaction by id")
    @GetMapping("/search")
    SearchResult search(@PathVariable long id, @RequestParam(required = false) String q) {
        return explorer.search(currentUser.get(), id, q);
    }

    @Operation(summary = "Blocks of a channel, newest first")
    @GetMapping("/channels/{channel}/blocks")
    Page<BlockSummary> blocks(@PathVariable long id, @PathVariable String channel,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return explorer.blocks(currentUser.get(), id, channel, page, size);
    }

    @Operation(summary = "One block with its transactions")
    @GetMapping("/channels/{channel}/blocks/{number}")
    BlockDetail block(@PathVariable long id, @PathVariable String channel, @PathVariable long number) {
        return explorer.block(currentUser.get(), id, channel, number);
    }

    @Operation(summary = "Transactions of a channel, newest first")
    @GetMapping("/channels/{channel}/transactions")
    Page<TransactionSummary> transactions(@PathVariable long id, @PathVariable String channel,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return explorer.transactions(currentUser.get(), id, channel, page, size);
    }

    @Operation(summary = "Export a channel's transactions as CSV, in chain order (up to 100000)",
            description = "Every bound is optional: blocks fromBlock to toBlock (inclusive), block time from "
                    + "(inclusive) to (exclusive), ISO-8601 such as 2026-12-02T21:00:00Z or, without an offset, UTC. "
                    + "Columns: channel, blockNumber, blockHash, indexInBlock, transactionId, blockTime, contract, "
                    + "function, creatorOrganization, validationCode, reason. More than 100000 matching transactions "
                    + "is a 400 naming how many matched; a value starting with =, +, - or @ is prefixed with ' so "
                    + "spreadsheets do not run it as a formula.")
    @GetMapping(value = "/channels/{channel}/transactions/export", produces = "text/csv")
    ResponseEntity<byte[]> export(@PathVariable long id, @PathVariable String channel,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Long fromBlock, @RequestParam(required = false) Long toBlock) {
        String csv = explorer.exportTransactions(currentUser.get(), id, channel, TimeParameter.instant("from", from),
                TimeParameter.instant("to", to), fromBlock, toBlock);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("transactions-" + channel + ".csv").build().toString())
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(CsvField.file(csv));
    }

    @Operation(summary = "A transaction with its receipt (Merkle proofs of inclusion and of its validation code and "
            + "result), checked by the platform and returned for offline checks")
    @GetMapping("/channels/{channel}/transactions/{transactionId}")
    TransactionDetail transaction(@PathVariable long id, @PathVariable String channel,
            @PathVariable String transactionId) {
        return explorer.transaction(currentUser.get(), id, channel, transactionId);
    }

    @Operation(summary = "The receipt file of a transaction (JSON, format consortia-receipt version 1, see "
            + "docs/protocol.md) as a download, to check offline with `consortia verify receipt.json "
            + "--trusted-block-hash HEX` or any implementation of the protocol")
    @ApiResponse(responseCode = "200", description = "The receipt file, as an attachment",
            content = @Content(mediaType = "application/json", schema = @Schema(type = "object",
                    description = "consortia-receipt version 1 (docs/protocol.md)")))
    @GetMapping(value = "/channels/{channel}/transactions/{transactionId}/receipt",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> receipt(@PathVariable long id, @PathVariable String channel,
            @PathVariable String transactionId) {
        String file = explorer.receiptFile(currentUser.get(), id, channel, transactionId);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("receipt-" + transactionId.toLowerCase(java.util.Locale.ROOT) + ".json").build().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(file);
    }
}
