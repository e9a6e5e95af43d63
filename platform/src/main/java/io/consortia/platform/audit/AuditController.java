package io.consortia.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.CsvField;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.consortia.platform.system.TimeParameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit")
class AuditController {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final AuditService audit;
    private final AuditNotary notary;
    private final AuditProperties properties;
    private final CurrentUser currentUser;

    AuditController(AuditService audit, AuditNotary notary, AuditProperties properties, CurrentUser currentUser) {
        this.audit = audit;
        this.notary = notary;
        this.properties = properties;
        this.currentUser = currentUser;
    }

    /** A record as the API shows it. */
    record AuditView(long sequence, Instant recordedAt, String actorKind, String actor, Long organizationId,
            String action, String target, String sourceAddress, int status, String details, String previousHash,
            String hash) {
        static AuditView of(AuditRecord r) {
            return new AuditView(r.sequence(), Instant.ofEpochMilli(r.recordedAt()), r.actorKind(), r.actor(),
                    r.organizationId(), r.action(), r.target(), r.sourceAddress(), r.status(), r.details(),
                    r.previousHash(), r.hash());
        }
    }

    /** Where to notarize now; empty fields take the configured target (consortia.audit.anchor.*). */
    record AnchorRequest(@Positive Long consortiumId,
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a channel name") String channel,
            @Positive Long organizationId) {}

    @Operation(summary = "Search the audit trail, newest first",
            description = "Auditors and platform admins see every record, organisation admins their organisation's. "
                    + "action and target match substrings; from (inclusive) and to (exclusive) are ISO-8601 times (2026-12-02T21:00:00Z; without an offset, UTC; a date alone, its start in UTC); "
                    + "result is SUCCESS (status < 400) or FAILURE; page with before=<sequence of the last record seen>.")
    @GetMapping("/records")
    List<AuditView> search(@RequestParam(required = false) String actor,
            @RequestParam(required = false) Long organizationId, @RequestParam(required = false) String action,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) AuditQuery.Result result, @RequestParam(required = false) Integer status,
            @RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > AuditService.MAX_PAGE) {
            throw InvalidFields.field("limit", "must be between 1 and " + AuditService.MAX_PAGE);
        }
        AuditQuery query = new AuditQuery(blankToNull(actor), organizationId, blankToNull(action), blankToNull(target),
                TimeParameter.instant("from", from), TimeParameter.instant("to", to), result, status, before);
        return audit.search(currentUser.get(), query, limit).stream().map(AuditView::of).toList();
    }

    @Operation(summary = "Export matching records, oldest first, as CSV or JSON (up to 100000 records)",
            description = "Same filters and visibility as the search. The JSON export holds every field needed to "
                    + "recompute the hash chain; in CSV, a value starting with =, +, - or @ is prefixed with ' so "
                    + "spreadsheets do not run it as a formula.")
    @ApiResponse(responseCode = "200", description = "The records as an attachment, oldest first: JSON (format=json) "
            + "or CSV (format=csv)", content = {
                    @Content(mediaType = "application/json", array = @ArraySchema(
                            schema = @Schema(implementation = AuditView.class))),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping("/export")
    ResponseEntity<byte[]> export(@RequestParam(defaultValue = "json") String format,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) Long organizationId, @RequestParam(required = false) String action,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) AuditQuery.Result result, @RequestParam(required = false) Integer status)
            throws IOException {
        if (!"json".equals(format) && !"csv".equals(format)) {
            throw InvalidFields.field("format", "must be csv or json, was '" + format + "'");
        }
        AuditQuery query = new AuditQuery(blankToNull(actor), organizationId, blankToNull(action), blankToNull(target),
                TimeParameter.instant("from", from), TimeParameter.instant("to", to), result, status, null);
        List<AuditView> views = new ArrayList<>(audit.search(currentUser.get(), query, AuditService.MAX_EXPORT)
                .stream().map(AuditView::of).toList());
        java.util.Collections.reverse(views);
        byte[] body = "csv".equals(format) ? CsvField.file(AuditCsv.write(views))
                : JSON.writeValueAsBytes(views);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit." + format + "\"")
                .contentType("csv".equals(format) ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                        : MediaType.APPLICATION_JSON)
                .body(body);
    }

    @Operation(summary = "Verify the hash chain: ok, or the first bad record and why (auditors, platform admins)",
            description = "Walks the records in the platform's database from record 1 (gaps, edits, broken links), "
                    + "then compares the trail with the newest head notarized on the ledger: the anchor index on the "
                    + "channel of consortia.audit.anchor.*, read from the chain, never from the database, so records "
                    + "deleted from the end are found even when the anchor rows were deleted with them. onChain names "
                    + "the consortium and channel read and the head found there, or (checked=false) why the ledger "
                    + "was not read: no anchoring configured (ok then covers the records among themselves only), or "
                    + "the channel could not be read (ok is false, firstBadSequence empty). See docs/audit.md.")
    @GetMapping("/verify")
    AuditVerification verify() {
        return audit.verify(currentUser.get());
    }

    @Operation(summary = "Notarizations of the chain's head, newest first (auditors, platform admins)")
    @GetMapping("/anchors")
    List<AuditAnchor> anchors(@RequestParam(defaultValue = "50") int limit) {
        return audit.anchors(currentUser.get(), limit);
    }

    @Operation(summary = "Notarize the chain's head now on a channel (platform admins)",
            description = "Empty fields take consortia.audit.anchor.*; the head is recorded with the transaction id.")
    @PostMapping("/anchors")
    @ResponseStatus(HttpStatus.CREATED)
    AuditAnchor anchor(@Valid @RequestBody(required = false) AnchorRequest request) {
        Caller caller = currentUser.get();
        if (!AuditPolicy.canAnchor(caller)) {
            throw PlatformException.forbidden("Only a platform admin may notarize the audit head");
        }
        AnchorRequest r = request == null ? new AnchorRequest(null, null, null) : request;
        Long consortium = r.consortiumId() != null ? r.consortiumId() : properties.anchor().consortiumId();
        if (consortium == null) {
            throw InvalidFields.field("consortiumId", "is required (no consortia.audit.anchor.consortium-id is "
                    + "configured)");
        }
        String channel = r.channel() != null ? r.channel() : properties.anchor().channel();
        Long organization = r.organizationId() != null ? r.organizationId() : properties.anchor().organizationId();
        return notary.anchor(consortium, channel, organization);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
