package io.consortia.platform.deploy;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.identity.Caller;

/**
 * A node's last error as a caller may see it. The supervisor's notes quote the tail of the node's
 * log after {@value #LOG_MARKER}; a node's log is for its organisation, the consortium leader,
 * platform admins and auditors ({@link NodePolicy#canReadLogs}), while every member of the
 * consortium sees the node list. So the others get the note without the log lines, else the node
 * list would hand out what GET /nodes/{id}/logs refuses them.
 */
public final class NodeErrors {
    /** Where the supervisor's notes begin quoting the node's log. */
    static final String LOG_MARKER = "Log ends:";

    private NodeErrors() {}

    static String shownTo(Caller caller, Consortium consortium, NodeRecord node) {
        if (node.lastError() == null || NodePolicy.canReadLogs(caller, consortium, node.organizationId())) {
            return node.lastError();
        }
        return withoutLog(node.lastError());
    }

    /** The note up to where it quotes the log (alert summaries, which go to every member and to webhooks). */
    public static String withoutLog(String error) {
        int log = error.indexOf(LOG_MARKER);
        return log < 0 ? error : error.substring(0, log).strip();
    }
}
