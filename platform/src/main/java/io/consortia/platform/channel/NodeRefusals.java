package io.consortia.platform.channel;

import io.consortia.platform.system.PlatformException;
import io.consortia.sdk.GatewayException;
import io.grpc.Status;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * A failed call to a channel's nodes as a problem, worded with the node's own reason: the SDK's
 * message wraps it in what was called and the gRPC code ("Evaluate of asset.read on channel main
 * failed: FAILED_PRECONDITION: CONTRACT_REJECTED: asset x does not exist"), which is the platform's
 * business, not the client's.
 */
public final class NodeRefusals {
    /** A contract's refusal as the node words it: its validation code, then the contract's reason. */
    private static final Pattern CODED = Pattern.compile("([A-Z][A-Z_]+): (.+)", Pattern.DOTALL);

    private NodeRefusals() {}

    public static PlatformException of(GatewayException e) {
        Status.Code code = e.status().map(Status::getCode).orElse(Status.Code.UNAVAILABLE);
        String reason = e.status().map(Status::getDescription).filter(d -> !d.isBlank()).orElse(null);
        return switch (code) {
            case NOT_FOUND -> new PlatformException(HttpStatus.NOT_FOUND, "not-found",
                    reason != null ? reason : "Not found on the channel");
            case PERMISSION_DENIED -> PlatformException.forbidden("The node refused the call: "
                    + (reason != null ? reason : "permission denied"));
            case INVALID_ARGUMENT, FAILED_PRECONDITION -> new PlatformException(HttpStatus.UNPROCESSABLE_CONTENT,
                    "contract-rejected", "The contract refused the call" + coded(reason));
            default -> PlatformException.unavailable("The channel's nodes did not answer: " + e.getMessage(), e);
        };
    }

    private static String coded(String reason) {
        if (reason == null) {
            return "";
        }
        Matcher coded = CODED.matcher(reason);
        return coded.matches() ? " (" + coded.group(1) + "): " + coded.group(2) : ": " + reason;
    }
}
