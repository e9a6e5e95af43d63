package io.consortia.sdk;

import io.grpc.Status;
import java.util.List;
import java.util.Locale;

/**
 * Words for a node that could not be reached. gRPC says "io exception" or "Network closed for
 * unknown reason" whatever went wrong; an application developer needs the address and the likely
 * cause: nothing listening, or a TLS client against a plaintext node and the reverse.
 */
final class Unreachable {
    private Unreachable() {
    }

    /** One endpoint's failure: its address, gRPC's words, and the cause's. */
    static String describe(String endpoint, Status status) {
        // gRPC appends Netty's pipeline on a second line, which says nothing to an application
        StringBuilder text = new StringBuilder(endpoint).append(": ")
                .append(firstLine(GatewayException.describe(status)));
        String cause = firstLine(rootMessage(status.getCause()));
        if (cause != null && !text.toString().contains(cause)) {
            text.append(" (").append(cause).append(')');
        }
        String hint = hint(text.toString());
        if (hint != null) {
            text.append(" - ").append(hint);
        }
        return text.toString();
    }

    /** UNAVAILABLE naming every endpoint tried, keeping the last failure as the cause. */
    static Status status(List<String> failures, Status last) {
        String prefix = failures.size() == 1 ? "the node could not be reached: " : "no node could be reached: ";
        return Status.UNAVAILABLE.withDescription(prefix + String.join("; ", failures)).withCause(last.getCause());
    }

    private static String hint(String failure) {
        String text = failure.toLowerCase(Locale.ROOT);
        if (text.contains("connection refused")) {
            return "nothing listens there; check the host and the node's API port";
        }
        if (text.contains("ssl") || text.contains("tls") || text.contains("handshake")
                || text.contains("not an ssl/tls record")) {
            return "the TLS handshake failed; check that the node uses TLS (a plaintext node cannot answer"
                    + " a TLS client) and that the trusted roots and client certificate are the organisation's";
        }
        if (text.contains("network closed") || text.contains("connection reset")
                || text.contains("first received frame was not settings")) {
            return "the node closed the connection; a node with TLS closes a plaintext client's"
                    + " connection like this, so check the gateway's tls(...) settings";
        }
        return null;
    }

    /** The first line, without the bytes Netty quotes after "not an SSL/TLS record:". */
    private static String firstLine(String message) {
        if (message == null) {
            return null;
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        int record = line.indexOf("not an SSL/TLS record:");
        return record < 0 ? line : line.substring(0, record + "not an SSL/TLS record".length());
    }

    private static String rootMessage(Throwable cause) {
        String message = null;
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
