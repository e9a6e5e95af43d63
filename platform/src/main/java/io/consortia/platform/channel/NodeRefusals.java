package io.consortia.platform.channel;

import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.GatewayException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * A call the channel's nodes refused, as a problem worded with the node's own reason: the SDK's
 * message wraps it in what was called and the gRPC code ("Evaluate of asset.read on channel main
 * failed: FAILED_PRECONDITION: CONTRACT_REJECTED: asset x does not exist"), which is the platform's
 * business, not the client's.
 *
 * <p>The HTTP status follows the node's validation code alone, never the way the call went: the same
 * refusal of a submitted transaction (refused at admission, or recorded invalid in a block) and of an
 * evaluated call is the same problem. Before, OUT_OF_FUEL or CONTRACT_FROZEN answered 409 when
 * submitted and 422 when evaluated, so a client could not tell from the status what had happened.
 *
 * <p>When no node answered, gRPC's own words (deadlines, connection states, the nodes' internal
 * addresses) are for operators: they go to the log, and the caller is told in plain words what
 * happened and when to try again (503 with Retry-After).
 */
public final class NodeRefusals {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRefusals.class);
    /** A refusal as the node words it: its validation code, then the reason. */
    private static final Pattern CODED = Pattern.compile("([A-Z][A-Z_]+): (.+)", Pattern.DOTALL);
    /** A node's refusal to order while its channel elects a leader (BatchRouter). */
    private static final Pattern NO_LEADER = Pattern.compile("channel \\S+ has no leader.*", Pattern.DOTALL);
    /** Long enough for a Raft election to end; a hint, the caller may retry sooner. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private NodeRefusals() {}

    /**
     * 403 {@code forbidden}: the caller may not (a function's caller rule, an organisation or
     * certificate the channel does not admit, a lifecycle step by a non-admin). 404
     * {@code not-found}: no such channel, contract or function. 503 {@code network-unavailable} with
     * Retry-After: the nodes did not finish ordering it (no validation code). 422 {@code transaction-refused}: the
     * transaction could not be taken as it was sent (malformed, signature, replay, clock, size),
     * whatever the contract would have said. 409 {@code contract-rejected}: every verdict on the call
     * itself — the contract refused, ran out of fuel or memory, trapped or misused the host, is
     * frozen, revoked or not committed, a lifecycle or configuration step does not apply.
     */
    public static PlatformException of(ValidationCode code, String reason) {
        return coded(code, DeploymentTexts.NODE_REFUSED_CALL.of(code.name(), reason),
                DeploymentTexts.NODE_REFUSED_TRANSACTION.of(code.name(), reason),
                DeploymentTexts.CONTRACT_REFUSED_CALL.of(code.name(), reason));
    }

    /**
     * A refusal recorded in a block: the transaction was ordered and marked {@code code} (a contract's
     * verdict such as CONTRACT_REJECTED or OUT_OF_FUEL, or FORBIDDEN...), changing nothing. The same problem
     * as {@link #of(ValidationCode, String)}, with the extension members {@code transactionId} and
     * {@code blockNumber}, by which the caller finds the recorded transaction (its receipt, its block).
     */
    public static PlatformException recorded(ValidationCode code, String reason, String transactionId,
            long blockNumber) {
        java.util.Map<String, Object> recorded = new java.util.LinkedHashMap<>();
        recorded.put("transactionId", transactionId);
        recorded.put("blockNumber", blockNumber);
        return of(code, reason).withExtensions(recorded);
    }

    /**
     * The refusal the nodes would give, found by the platform before it sent anything (a stale or
     * already approved proposal, a step on a contract with no definition): the same status, type
     * and {@code code} as the nodes' own, so a client cannot tell, and need not care, who refused.
     */
    public static PlatformException foreseen(ValidationCode code, String reason) {
        return coded(code, reason + " (" + code.name() + ")", reason + " (" + code.name() + ")",
                reason + " (" + code.name() + ")");
    }

    private static PlatformException coded(ValidationCode code, String refused, String notTaken, String verdict) {
        return switch (code) {
            case FORBIDDEN, UNKNOWN_ORGANIZATION, BAD_CERTIFICATE, CERTIFICATE_REVOKED, LIFECYCLE_NOT_ADMIN ->
                    PlatformException.coded(HttpStatus.FORBIDDEN, "forbidden", code.name(), refused);
            case UNKNOWN_CHANNEL, UNKNOWN_CONTRACT, UNKNOWN_FUNCTION ->
                    PlatformException.coded(HttpStatus.NOT_FOUND, "not-found", code.name(), refused);
            // not a verdict on the transaction: its ordering failed (a leader lost, the node that took it
            // removed from the channel meanwhile); the same call through the channel's nodes again may pass
            case VALIDATION_CODE_UNSPECIFIED -> PlatformException.unavailable(notTaken, RETRY_AFTER, null);
            case VALID, MALFORMED, BAD_SIGNATURE, DUPLICATE_TRANSACTION_ID,
                    TIMESTAMP_OUT_OF_WINDOW, PAYLOAD_TOO_LARGE, UNKNOWN_CERTIFICATE, UNRECOGNIZED ->
                    PlatformException.coded(HttpStatus.UNPROCESSABLE_CONTENT, "transaction-refused", code.name(),
                            notTaken);
            default -> PlatformException.coded(HttpStatus.CONFLICT, "contract-rejected", code.name(), verdict);
        };
    }

    /** As {@link #of(GatewayException, String)} for a caller that does not know the channel's name. */
    public static PlatformException of(GatewayException e) {
        return of(e, null);
    }

    /**
     * The problem for a failed call to the nodes of {@code channel} (null when the caller does not
     * know it). An evaluation's refusal names its code first ("CONTRACT_FROZEN: ..."); a record the
     * contract does not hold is NOT_FOUND; other failures go by the gRPC status.
     */
    public static PlatformException of(GatewayException e, String channel) {
        Status.Code code = e.status().map(Status::getCode).orElse(Status.Code.UNAVAILABLE);
        String reason = e.status().map(Status::getDescription).filter(d -> !d.isBlank()).orElse(null);
        if (code == Status.Code.FAILED_PRECONDITION && reason != null && NO_LEADER.matcher(reason).matches()) {
            return unavailable(e, channel);
        }
        Optional<PlatformException> coded = coded(code, reason);
        if (coded.isPresent()) {
            return coded.get();
        }
        return switch (code) {
            case NOT_FOUND -> new PlatformException(HttpStatus.NOT_FOUND, "not-found",
                    reason != null ? reason : DeploymentTexts.NOT_FOUND_ON_CHANNEL.of());
            case PERMISSION_DENIED -> PlatformException.forbidden(DeploymentTexts.NODE_REFUSED.of(
                    reason != null ? reason : "permission denied"));
            case INVALID_ARGUMENT, FAILED_PRECONDITION -> new PlatformException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "transaction-refused", reason != null ? DeploymentTexts.NODE_REFUSED.of(reason)
                            : DeploymentTexts.NODE_REFUSED_BARE.of());
            default -> unavailable(e, channel);
        };
    }

    /**
     * The problem for a call no node of {@code channel} answered, whatever the node said: 503 with
     * Retry-After, in the caller's words; the technical detail is logged.
     */
    public static PlatformException unavailable(GatewayException e, String channel) {
        Status.Code code = e.status().map(Status::getCode).orElse(Status.Code.UNAVAILABLE);
        String which = channel == null ? "the channel" : "channel " + channel;
        // a query gives up after the request timeout, a submission waiting for its block after the commit timeout
        long timeout = NetworkClients.REQUEST_TIMEOUT.toSeconds();
        long commitTimeout = NetworkClients.COMMIT_TIMEOUT.toSeconds();
        String detail = switch (code) {
            case DEADLINE_EXCEEDED -> channel == null ? DeploymentTexts.NO_LEADER_OR_OVERLOADED_UNNAMED.of(timeout, commitTimeout)
                    : DeploymentTexts.NO_LEADER_OR_OVERLOADED.of(channel, timeout, commitTimeout);
            case FAILED_PRECONDITION -> channel == null ? DeploymentTexts.NO_LEADER_UNNAMED.of()
                    : DeploymentTexts.NO_LEADER.of(channel);
            case UNAVAILABLE -> channel == null ? DeploymentTexts.NO_NODE_REACHED_UNNAMED.of()
                    : DeploymentTexts.NO_NODE_REACHED.of(channel);
            default -> channel == null ? DeploymentTexts.CALL_NOT_COMPLETED_UNNAMED.of()
                    : DeploymentTexts.CALL_NOT_COMPLETED.of(channel);
        };
        LOG.warn("A call to {} failed ({}): {}", which, detail, e.getMessage());
        LOG.debug("The failed call to {}", which, e);
        if (e instanceof io.consortia.sdk.TransactionException submitted) {
            // a submission the node may have admitted: sent again blindly, it was refused as a duplicate
            // once the first copy committed (found by a tester); the id lets the caller look it up first
            String id = submitted.transactionId();
            return PlatformException.unavailable(DeploymentTexts.MAY_STILL_COMMIT.of(detail, id), RETRY_AFTER, e)
                    .withExtensions(java.util.Map.of("transactionId", id));
        }
        return PlatformException.unavailable(detail, RETRY_AFTER, e);
    }

    private static Optional<PlatformException> coded(Status.Code status, String reason) {
        if (reason == null || status == Status.Code.UNAVAILABLE || status == Status.Code.DEADLINE_EXCEEDED) {
            return Optional.empty();
        }
        Matcher coded = CODED.matcher(reason);
        if (!coded.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(ValidationCode.valueOf(coded.group(1)), coded.group(2)));
        } catch (IllegalArgumentException notACode) {
            return Optional.empty();
        }
    }
}
