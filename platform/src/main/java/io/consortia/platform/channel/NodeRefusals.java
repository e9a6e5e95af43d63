package io.consortia.platform.channel;

import io.consortia.platform.system.PlatformException;
import io.consortia.sdk.GatewayException;
import io.grpc.Status;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * A failed call to a channel's nodes as a problem, worded with the node's own reason: the SDK's
 * message wraps it in what was called and the gRPC code ("Evaluate of asset.read on channel main
 * failed: FAILED_PRECONDITION: CONTRACT_REJECTED: asset x does not exist"), which is the platform's
 * business, not the client's.
 *
 * <p>When no node answered, gRPC's own words (deadlines, connection states, the nodes' internal
 * addresses) are for operators: they go to the log, and the caller is told in plain words what
 * happened and when to try again (503 with Retry-After).
 */
public final class NodeRefusals {
    private static final Logger LOG = LoggerFactory.getLogger(NodeRefusals.class);
    /** A contract's refusal as the node words it: its validation code, then the contract's reason. */
    private static final Pattern CODED = Pattern.compile("([A-Z][A-Z_]+): (.+)", Pattern.DOTALL);
    /** A node's refusal to order while its channel elects a leader (BatchRouter). */
    private static final Pattern NO_LEADER = Pattern.compile("channel \\S+ has no leader.*", Pattern.DOTALL);
    /** Long enough for a Raft election to end; a hint, the caller may retry sooner. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private NodeRefusals() {}

    /** The problem for a failed call to the nodes of {@code channel} (null when the caller does not know it). */
    public static PlatformException of(GatewayException e, String channel) {
        Status.Code code = e.status().map(Status::getCode).orElse(Status.Code.UNAVAILABLE);
        String reason = e.status().map(Status::getDescription).filter(d -> !d.isBlank()).orElse(null);
        return switch (code) {
            case NOT_FOUND -> new PlatformException(HttpStatus.NOT_FOUND, "not-found",
                    reason != null ? reason : "Not found on the channel");
            case PERMISSION_DENIED -> PlatformException.forbidden("The node refused the call: "
                    + (reason != null ? reason : "permission denied"));
            case FAILED_PRECONDITION -> reason != null && NO_LEADER.matcher(reason).matches()
                    ? unavailable(e, channel) : rejected(reason);
            case INVALID_ARGUMENT -> rejected(reason);
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
        String detail = switch (code) {
            case DEADLINE_EXCEEDED -> capitalized(which) + " has no leader right now, or its nodes are overloaded (they "
                    + "did not answer within " + NetworkClients.REQUEST_TIMEOUT.toSeconds() + " s); try again";
            case FAILED_PRECONDITION -> capitalized(which) + " has no leader right now (its nodes are electing one); "
                    + "try again";
            case UNAVAILABLE -> "No node of " + which + " can be reached right now; try again";
            default -> "The nodes of " + which + " could not complete the call; try again (the platform log has "
                    + "the details)";
        };
        LOG.warn("A call to {} failed ({}): {}", which, detail, e.getMessage());
        LOG.debug("The failed call to {}", which, e);
        return PlatformException.unavailable(detail, RETRY_AFTER, e);
    }

    private static PlatformException rejected(String reason) {
        return new PlatformException(HttpStatus.UNPROCESSABLE_CONTENT, "contract-rejected",
                "The contract refused the call" + coded(reason));
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String coded(String reason) {
        if (reason == null) {
            return "";
        }
        Matcher coded = CODED.matcher(reason);
        return coded.matches() ? " (" + coded.group(1) + "): " + coded.group(2) : ": " + reason;
    }
}
