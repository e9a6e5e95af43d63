package io.consortia.platform.deploy;

import io.consortia.platform.custody.RevocationReasons;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The sentences the platform itself writes into a deployment's record (a step's name and detail,
 * the reason it was interrupted), and the same in the console reader's language
 * ({@code ${@deploymentTexts.text(s.name)}}). They stay English in the database, the REST API,
 * webhooks and e-mail; the console recognises the platform's own sentences (written with the
 * templates here, so the two cannot drift apart) and shows anything else, such as a node's log or
 * an error from a library, as it was written.
 */
@Component("deploymentTexts")
public class DeploymentTexts {
    private static final List<Text> TEXTS = new ArrayList<>();
    /** A certificate's role (NODE_TLS) reads as the certificates page names it. */
    private static final String ROLE = "certificate.role.";
    /** How the platform writes a list argument's items (a deleted node's certificates). */
    public static final String LIST_SEPARATOR = ", ";

    public static final Text WRITE_CONFIGURATION = text("deploymentText.writeConfiguration",
            "Write configuration of {0}");
    public static final Text CHOOSE_ADDRESS = text("deploymentText.chooseAddress", "Choose the address of {0}");
    public static final Text ALLOCATE = text("deploymentText.allocate", "Allocate ports and directory for {0}");
    public static final Text ISSUE_CERTIFICATES = text("deploymentText.issueCertificates",
            "Issue certificates for {0}");
    public static final Text START = text("deploymentText.start", "Start {0}");
    public static final Text AWAIT_SERVING = text("deploymentText.awaitServing", "Wait for {0} to serve");
    public static final Text STOP = text("deploymentText.stop", "Stop {0}");
    public static final Text REVOKE_NODE = text("deploymentText.revokeNode", "Revoke the certificates of {0}");
    public static final Text REMOVE = text("deploymentText.remove", "Remove {0}");
    public static final Text REWRITE_ROOTS = text("deploymentText.rewriteRoots",
            "Rewrite the trusted TLS roots of {0}");
    public static final Text RELOAD_ROOTS = text("deploymentText.reloadRoots", "Reload the trusted TLS roots on {0}");
    public static final Text CREATE_CHANNEL = text("deploymentText.createChannel", "Create channel {0}");
    public static final Text NO_LEADER_SEEN = text("deploymentText.noLeaderSeen",
            "Node {0} did not see a leader of channel {1} within {2} s");
    public static final Text AWAIT_LEADERS = text("deploymentText.awaitLeaders", "Wait for channel leaders");
    public static final Text ROOTS_IN_FORCE = text("deploymentText.rootsInForce",
            "Trusted TLS roots in force on every node");
    public static final Text FORGET_CHANNELS = text("deploymentText.forgetChannels", "Forget channels");
    public static final Text APPLY_NETWORK = text("deploymentText.applyNetwork", "Apply ConsortiaNetwork {0}");
    public static final Text AWAIT_NAMESPACE_REMOVED = text("deploymentText.awaitNamespaceRemoved",
            "Wait for namespace {0} to be removed");
    public static final Text AWAIT_NAMESPACE = text("deploymentText.awaitNamespace", "Wait for namespace {0}");
    public static final Text WRITE_SECRET = text("deploymentText.writeSecret", "Write Secret {0}");
    public static final Text PODS_READY = text("deploymentText.podsReady", "Pods ready {0}/{1}");
    public static final Text CREATED_BY_OPERATOR = text("deploymentText.createdByOperator", "created by the operator");
    // What a Kubernetes wait that timed out adds, one after another, the cluster's own words as written
    public static final Text NOT_READY_PODS = text("deploymentText.notReadyPods", "; not ready: {0}", 0);
    public static final Text NETWORK_NO_STATUS = text("deploymentText.networkNoStatus",
            "; the ConsortiaNetwork has no status yet");
    public static final Text NETWORK_PHASE = text("deploymentText.networkPhase", "; ConsortiaNetwork {0}");
    public static final Text NETWORK_CONDITIONS = text("deploymentText.networkConditions",
            "; ConsortiaNetwork {0}: {1}", 1);
    public static final Text RECENT_WARNINGS = text("deploymentText.recentWarnings", "; recent warnings: {0}", 0);
    public static final Text PODS_NOT_READY_IN_TIME = text("deploymentText.podsNotReadyInTime",
            "Only {0} of {1} pods became ready within {2} s{3}", 3).sequence(3, "; ", NOT_READY_PODS,
            NETWORK_NO_STATUS, NETWORK_PHASE, NETWORK_CONDITIONS, RECENT_WARNINGS);
    public static final Text NAMESPACE_NOT_CREATED = text("deploymentText.namespaceNotCreated", "Namespace {0} was"
            + " not created within {1} s: is the Consortia operator running? (it runs inside the platform with "
            + "consortia.kubernetes.operator.enabled=true, or as its own Deployment from deploy/helm/consortia){2}", 2)
            .sequence(2, "; ", NETWORK_NO_STATUS, NETWORK_PHASE, NETWORK_CONDITIONS);
    public static final Text NO_STORAGE_CLASS = text("deploymentText.noStorageClass", "The cluster has no "
            + "StorageClass '{0}' (setting consortia.kubernetes.storage-class): set it to one of the cluster's classes"
            + " (kubectl get storageclass), or leave it empty for the cluster's default class, and restart the "
            + "platform. Nothing was created on the cluster");
    public static final Text DELETE_NETWORK = text("deploymentText.deleteNetwork", "Delete ConsortiaNetwork {0}");
    public static final Text POD_REMOVED = text("deploymentText.podRemoved",
            "StatefulSet {0} scaled down to {1} pod(s), all Ready; keys of the pod removed from Secret {2}, its "
                    + "volume claim {3} deleted");
    public static final Text REMOVE_POD = text("deploymentText.removePod", "Remove {0} from its StatefulSet");
    public static final Text UNDO_ADD = text("deploymentText.undoAdd",
            "Undo the add of {0}: take it out of its StatefulSet");
    public static final Text ADD_UNDONE = text("deploymentText.addUndone", "Adding {0} failed: {1}. The add was "
            + "undone: {0} is out of its StatefulSet, its keys, volume claim and record are deleted and its "
            + "certificates revoked; the network is as it was, and adding a node again creates {0} anew", 1).nested(1);
    public static final Text ADD_UNDONE_UNPUBLISHED = text("deploymentText.addUndoneUnpublished", "Adding {0} failed:"
            + " {1}. The add was undone on the cluster (adding a node again creates {0} anew), but: {2}", 1, 2).nested(1);
    public static final Text ADD_NOT_UNDONE = text("deploymentText.addNotUndone", "Adding {0} failed: {1}. Taking it"
            + " back out failed too: {2}. Remove {0} (Remove on the Nodes tab, or DELETE /api/v1/nodes/{0}) to "
            + "finish, then add the node again", 1, 2).nested(1);
    public static final Text UNDO_ADD_LOCAL = text("deploymentText.undoAddLocal",
            "Undo the add of {0}: stop its process");
    public static final Text ADD_UNDONE_LOCAL = text("deploymentText.addUndoneLocal", "Adding {0} failed: {1}. The"
            + " add was undone: {0} is stopped, its directory and record are deleted and its certificates revoked;"
            + " the network is as it was", 1).nested(1);
    public static final Text ADD_UNDONE_UNPUBLISHED_LOCAL = text("deploymentText.addUndoneUnpublishedLocal",
            "Adding {0} failed: {1}. The add was undone ({0} is stopped and deleted), but: {2}", 1, 2).nested(1);
    public static final Text ADD_MEMBER_TO_NETWORK = text("deploymentText.addMemberToNetwork",
            "Add organisation {0} to ConsortiaNetwork {1}");
    public static final Text AWAIT_STATEFUL_SET = text("deploymentText.awaitStatefulSet",
            "Wait for StatefulSet {0} to run {1} Ready pod(s)");
    public static final Text REMOVE_MEMBER_FROM_NETWORK = text("deploymentText.removeMemberFromNetwork",
            "Remove organisation {0} from ConsortiaNetwork {1}");
    public static final Text MEMBER_KEYS = text("deploymentText.memberKeys", "{0} keys of {1} node(s)");
    public static final Text MEMBERS_LISTED = text("deploymentText.membersListed",
            "ConsortiaNetwork {0} lists {1} organisations; the operator creates the new one's StatefulSet");
    public static final Text STATEFUL_SET_READY = text("deploymentText.statefulSetReady",
            "StatefulSet {0}: {1} pod(s) Ready");
    public static final Text MEMBER_REMOVED = text("deploymentText.memberRemoved",
            "the operator deleted StatefulSet {0} and its pods; Secret {1} and {2} volume claim(s) deleted");
    public static final Text ROOTS_RESTARTED = text("deploymentText.rootsRestarted",
            "pod restarted with the {0} TLS roots ConfigMap {1} lists");
    public static final Text MEMBER_NODES_LEFT = text("deploymentText.memberNodesLeft", "Organisation {0} still has "
            + "nodes from an earlier deployment ({1}): its leave from the consortium (or its removal by vote) takes "
            + "them out, and an invitation accepted again deploys its nodes anew", 1);
    public static final Text MEMBER_UNDONE = text("deploymentText.memberUndone", "Deploying the nodes of {0} failed:"
            + " {1}. It was undone: the organisation is out of the network's desired state, its keys and volume claims"
            + " are deleted, its nodes' certificates revoked and their records deleted; adding a node to it deploys"
            + " them again", 1).nested(1);
    public static final Text MEMBER_NOT_UNDONE = text("deploymentText.memberNotUndone", "Deploying the nodes of {0}"
            + " failed: {1}. Taking them back out failed too: {2}. Its leave from the consortium (or its removal by"
            + " vote) takes them out", 1, 2).nested(1);
    public static final Text POD_ADDED_READY = text("deploymentText.podAddedReady",
            "keys in Secret {0} and certificates in ConsortiaNetwork {1} written; StatefulSet {2} runs {3} pod(s), all "
                    + "Ready");
    public static final Text POD_RESTARTED_WITH_CREDENTIALS = text("deploymentText.podRestartedWithCredentials",
            "keys in Secret {0} and certificates in ConsortiaNetwork {1} replaced; pod {2} restarted with them, Ready");

    public static final Text CLUSTER_STARTS = text("deploymentText.clusterStarts", "the cluster starts it");
    public static final Text ALREADY_RUNNING = text("deploymentText.alreadyRunning", "already running");
    public static final Text PROCESS = text("deploymentText.process", "process {0}");
    public static final Text SERVING_AT = text("deploymentText.servingAt", "serving at {0}");
    public static final Text READS_WHEN_STARTS = text("deploymentText.readsWhenStarts",
            "not running: it reads them when it starts");
    public static final Text LEADER_KNOWN = text("deploymentText.leaderKnown",
            "every peer knows the channel's leader");
    public static final Text LEADERS = text("deploymentText.leaders", "{0} channel(s) have a leader");
    public static final Text NAMESPACE_COLLECTED = text("deploymentText.namespaceCollected",
            "the cluster's garbage collector removes namespace {0} and everything in it");
    // a node is named, never its directory: the platform's file system is not every reader's business
    public static final Text ROOTS_WRITTEN = text("deploymentText.rootsWritten",
            "the tls-roots.pem of {0} lists {1} roots", 0);
    public static final Text CREDENTIALS_WRITTEN = text("deploymentText.credentialsWritten",
            "node.pem, node.key, tls.pem and tls.key of {0} replaced");
    public static final Text ROOTS_RELOADED = text("deploymentText.rootsReloaded", "the node now trusts {0} TLS roots"
            + " (its bundle's and its channels', less those of organisations they removed) at new handshakes");
    public static final Text NO_CERTIFICATE = text("deploymentText.noCertificate",
            "none: no certificate was issued to it");
    public static final Text EXITED_DURING_START = text("deploymentText.exitedDuringStart",
            "Node {0} exited during start; its log says:\n{1}", 1);
    public static final Text START_TIMED_OUT = text("deploymentText.startTimedOut",
            "Node {0} did not answer its health check within {1} s");
    /** A start that timed out, with the node's last log lines: an undone add deletes the log. */
    public static final Text START_TIMED_OUT_LOG = text("deploymentText.startTimedOutLog",
            "Node {0} did not answer its health check within {1} s; its log ends with:\n{2}", 2);
    public static final Text ROOTS_NOT_IN_FORCE = text("deploymentText.rootsNotInForce", "Nodes {0} may still accept"
            + " the removed organisation's TLS certificates: their trusted roots were not rewritten or reloaded"
            + " (see their steps); restart them, or apply the proposal again", 0);
    // The certificates', channels' and backups' operations, followed in the same progress view
    public static final Text USER_REVOKED_IN_CUSTODY = text("deploymentText.userRevokedInCustody",
            "Revoked in custody: the certificates of removed user {0}");
    public static final Text REVOKED_IN_CUSTODY = text("deploymentText.revokedInCustody", "Revoked in custody: {0}",
            0).nested(0);
    /** A deleted application's certificate, revoked: as the REST API answers it and as it is named in a step. */
    public static final Text REVOKED_CERTIFICATE = text("deploymentText.revokedCertificate",
            "{0} {1} serial {2} revoked: {3}", 3).named(0, ROLE).reason(3);
    /** A deleted node's certificates, revoked: each one's role and serial, then the revocation's reason. */
    public static final Text NODE_CERTIFICATE = text("deploymentText.nodeCertificate", "{0} serial {1}")
            .named(0, ROLE);
    public static final Text NODE_CERTIFICATE_SUPERSEDED = text("deploymentText.nodeCertificateSuperseded",
            "{0} serial {1} (superseded)").named(0, ROLE);
    public static final Text NODE_CERTIFICATES_REVOKED = text("deploymentText.nodeCertificatesRevoked",
            "{0} revoked: {1}", 0, 1).list(0, NODE_CERTIFICATE, NODE_CERTIFICATE_SUPERSEDED).reason(1);
    public static final Text NEVER_USED_AGAIN = text("deploymentText.neverUsedAgain", "never used again");
    public static final Text RENEW = text("deploymentText.renew", "Renew {0} certificate of {1} ({2}, serial {3})",
            2).named(0, ROLE);
    public static final Text RENEWED = text("deploymentText.renewed",
            "new serial {0}, valid until {1}; serial {2} stays valid until {3}");
    public static final Text REVOKE = text("deploymentText.revoke", "Revoke {0} certificate of {1} ({2}, serial {3})",
            2).named(0, ROLE);
    public static final Text SUPERSEDED_REVOKED = text("deploymentText.supersededRevoked",
            "superseded certificate revoked");
    public static final Text NEW_ON_NEXT_USE = text("deploymentText.newOnNextUse",
            "its holder gets a new certificate on next use");
    public static final Text REPLACED_BY = text("deploymentText.replacedBy", "replaced by serial {0}");
    public static final Text INSTALL_CERTIFICATES = text("deploymentText.installCertificates",
            "Install new certificates on {0}");
    public static final Text NO_SUCH_NODE = text("deploymentText.noSuchNode", "no such node on the platform");
    public static final Text WRITE_CERTIFICATES = text("deploymentText.writeCertificates",
            "Write new certificates of {0}");
    public static final Text RELOAD_CERTIFICATES = text("deploymentText.reloadCertificates",
            "Reload certificates on {0}");
    public static final Text SIGNS_WITH = text("deploymentText.signsWith",
            "the node now signs with serial {0} and presents TLS serial {1}");
    public static final Text PUT_REVOKED = text("deploymentText.putRevoked", "Put {0} revoked certificate(s) on chain");
    public static final Text PUT_REVOKED_OF = text("deploymentText.putRevokedOf",
            "Put the revoked certificates of {0} on chain", 0);
    public static final Text NONE_TO_LIST = text("deploymentText.noneToList", "none to list");
    public static final Text IN_NO_ACTIVE_CHANNEL = text("deploymentText.inNoActiveChannel",
            "{0} is in no active channel", 0);
    public static final Text JOIN = text("deploymentText.join", "Join {0} to channel {1}");
    public static final Text ALREADY_SERVES = text("deploymentText.alreadyServes", "already serves the channel");
    public static final Text REMOVE_ORGANIZATION = text("deploymentText.removeOrganization",
            "Remove organisation {0} from the consortium");
    public static final Text HISTORY_STAYS = text("deploymentText.historyStays",
            "its history stays; its CA and keys stay in custody for the blocks it signed");
    public static final Text TAKE_BACKUP = text("deploymentText.takeBackup", "Take a backup of {0}");
    public static final Text CHECK_ARCHIVE = text("deploymentText.checkArchive", "Check the archive");
    public static final Text RECORD_BACKUP = text("deploymentText.recordBackup", "Record the backup");
    public static final Text RESTORE = text("deploymentText.restore", "Restore {0} from backup {1}");
    public static final Text AWAIT_CATCH_UP = text("deploymentText.awaitCatchUp", "Wait for {0} to catch up");
    public static final Text STAGE_RESTORE = text("deploymentText.stageRestore", "Send backup {1} to {0}");
    public static final Text CHECK_RESTORED = text("deploymentText.checkRestored",
            "Check that {0} applied backup {1}");
    public static final Text READ_CONFIGURATION = text("deploymentText.readConfiguration",
            "Read configuration of channel {0}");
    public static final Text CHECK_VOTERS = text("deploymentText.checkVoters",
            "Check that the remaining voters of {0} apply version {1}");
    public static final Text AWAIT_VERSION = text("deploymentText.awaitVersion",
            "Wait for the peers of {0} to apply version {1}");
    public static final Text AWAIT_NOT_VOTING = text("deploymentText.awaitNotVoting",
            "Wait for {0} to stop voting in channel {1}");
    public static final Text AWAIT_OUT_OF_GROUP = text("deploymentText.awaitOutOfGroup",
            "Wait for {0} to leave the Raft group of channel {1}");
    public static final Text REMAINING_VOTERS_APPLY = text("deploymentText.remainingVotersApply",
            "the {0} remaining voters apply version {1}");
    public static final Text PEERS_APPLY = text("deploymentText.peersApply", "{0} of {1} peers apply version {2}");
    public static final Text PEERS_APPLY_LEARNERS_BEHIND = text("deploymentText.peersApplyLearnersBehind",
            "{0} of {1} peers apply version {2}; learner(s) {3} not yet (not voting)", 3);
    public static final Text RAFT_MEMBERS = text("deploymentText.raftMembers",
            "voters {0}, learners {1}, as {2} report");
    public static final Text AWAIT_CATCH_UP_ON = text("deploymentText.awaitCatchUpOn",
            "Wait for {0} to catch up on {1}");
    public static final Text HEIGHT_REACHED = text("deploymentText.heightReached",
            "height {0} (the peers were at {1})");
    public static final Text INTERRUPTED = text("deploymentText.interrupted", "Interrupted by a platform restart");
    public static final Text DEPLOY_INTERRUPTED = text("deploymentText.deployInterrupted", "The platform stopped "
            + "during this deployment, so the network may be partly deployed: deploy it again to finish it");
    public static final Text ADD_NODE_INTERRUPTED = text("deploymentText.addNodeInterrupted", "Its addition to the "
            + "network was interrupted by a platform restart, so it may serve none of its channels (it may be a learner "
            + "in their configurations): remove the node and add one again");
    // A user contract's lifecycle operations, on the contract's page and in the same progress view
    public static final Text INSTALL_MODULE = text("deploymentText.installModule",
            "Install module of {0} {1} ({2} bytes)");
    /** A function's caller rule, as a proposal's step lists them; its callers are organisations' names and roles. */
    public static final Text CALLER_RULE = text("deploymentText.callerRule", "; {0}: {1}", 1).nested(1);
    public static final Text ANY_ORGANIZATION = text("deploymentText.anyOrganization", "any organisation");
    public static final Text ANY_ORGANIZATION_IN_ROLES = text("deploymentText.anyOrganizationInRoles",
            "any organisation / {0}", 0);
    public static final Text PROPOSE_CONTRACT = text("deploymentText.proposeContract",
            "Propose {0} {1} (sequence {2}, {3}{4})", 4).coded(3, "contractPolicy.").sequence(4, CALLER_RULE);
    public static final Text PROPOSE_UPGRADE = text("deploymentText.proposeUpgrade",
            "Propose upgrade of {0} to {1} (sequence {2})");
    public static final Text PROPOSE_FREEZE = text("deploymentText.proposeFreeze",
            "Propose freeze of {0} (sequence {1})");
    public static final Text PROPOSE_UNFREEZE = text("deploymentText.proposeUnfreeze",
            "Propose unfreeze of {0} (sequence {1})");
    public static final Text PROPOSE_REVOKE = text("deploymentText.proposeRevoke",
            "Propose revoke of {0} (sequence {1})");
    public static final Text APPROVE_FOR = text("deploymentText.approveFor",
            "Approve for {0} (signed by admin@{0})", 0);
    /** An approval step's detail: the proposal's approvals after it, of those its policy needs. */
    public static final Text APPROVALS = text("deploymentText.approvals", "{0} of {1} approvals");
    public static final Text DECLINE_FOR = text("deploymentText.declineFor",
            "Decline for {0} (signed by admin@{0})", 0);
    /** A decline step's detail: the reason recorded on chain, the organisation's own words (not translated). */
    public static final Text DECLINED_BECAUSE = text("deploymentText.declinedBecause", "Reason: {0}", 0);
    public static final Text COMMIT_CONTRACT = text("deploymentText.commitContract", "Commit {0} sequence {1}");
    public static final Text CONTRACT_COMMITTED = text("deploymentText.contractCommitted", "{0} {1} sequence {2} {3},"
            + " code hash {4}, policy {5}, digest {6}, approved by {7}; block {8}, transaction {9}", 7)
            .coded(3, "contractStatus.").coded(5, "contractPolicy.");
    public static final Text NODE_REFUSED_CALL = text("deploymentText.nodeRefusedCall",
            "The node refused the call ({0}): {1}", 1);
    public static final Text NODE_REFUSED_TRANSACTION = text("deploymentText.nodeRefusedTransaction",
            "The node refused the transaction ({0}): {1}", 1);
    // A call no node of the channel answered (NodeRefusals), named when the caller knows the channel
    public static final Text NO_LEADER_OR_OVERLOADED = text("deploymentText.noLeaderOrOverloaded", "Channel {0} has"
            + " no leader right now, or its nodes are overloaded (no answer within {1} s, or {2} s when a transaction"
            + " waits for its commit); try again");
    public static final Text NO_LEADER_OR_OVERLOADED_UNNAMED = text("deploymentText.noLeaderOrOverloadedUnnamed",
            "The channel has no leader right now, or its nodes are overloaded (no answer within {0} s, or {1} s when a"
                    + " transaction waits for its commit); try again");
    // a submission whose outcome is unknown: the node may have admitted it before the call failed
    public static final Text MAY_STILL_COMMIT = text("deploymentText.mayStillCommit", "{0} (but first look up"
            + " transaction {1}: it may still commit)", 0).nested(0);
    public static final Text NO_LEADER = text("deploymentText.noLeader",
            "Channel {0} has no leader right now (its nodes are electing one); try again");
    public static final Text NO_LEADER_UNNAMED = text("deploymentText.noLeaderUnnamed",
            "The channel has no leader right now (its nodes are electing one); try again");
    public static final Text NO_NODE_REACHED = text("deploymentText.noNodeReached",
            "No node of channel {0} can be reached right now; try again");
    public static final Text NO_NODE_REACHED_UNNAMED = text("deploymentText.noNodeReachedUnnamed",
            "No node of the channel can be reached right now; try again");
    public static final Text CALL_NOT_COMPLETED = text("deploymentText.callNotCompleted",
            "The nodes of channel {0} could not complete the call; try again (the platform log has the details)");
    public static final Text CALL_NOT_COMPLETED_UNNAMED = text("deploymentText.callNotCompletedUnnamed",
            "The nodes of the channel could not complete the call; try again (the platform log has the details)");
    // A refusal without a validation code (NodeRefusals), the node's reason after the platform's words
    public static final Text NODE_REFUSED = text("deploymentText.nodeRefused", "The node refused the call: {0}", 0);
    public static final Text NODE_REFUSED_BARE = text("deploymentText.nodeRefusedBare", "The node refused the call");
    public static final Text NOT_FOUND_ON_CHANNEL = text("deploymentText.notFoundOnChannel", "Not found on the channel");
    public static final Text CONTRACT_REFUSED_CALL = text("deploymentText.contractRefusedCall",
            "The contract refused the call ({0}): {1}", 1);

    // A channel configuration change's steps; the change's description is itself one of these sentences
    public static final Text ADD_ORGANIZATION = text("deploymentText.addOrganization", "add organisation {0}", 0);
    public static final Text REMOVE_ORGANIZATION_CHANGE = text("deploymentText.removeOrganizationChange",
            "remove organisation {0}", 0);
    public static final Text ADD_LEARNER = text("deploymentText.addLearner", "add node {0} as learner");
    public static final Text PROMOTE = text("deploymentText.promote", "promote node {0} to voter");
    public static final Text DEMOTE = text("deploymentText.demote", "demote node {0} to learner");
    public static final Text REMOVE_NODE = text("deploymentText.removeNode", "remove node {0}");
    public static final Text LIST_REVOKED = text("deploymentText.listRevoked",
            "list {0} revoked certificate(s) of {1}", 1);
    public static final Text SIGN_CHANGE = text("deploymentText.signChange", "Sign {0} ({1} version {2})", 0)
            .nested(0);
    public static final Text COMMIT_CHANGE = text("deploymentText.commitChange", "Commit {0} ({1} version {2})", 0)
            .nested(0);
    /** The one step of a change already in force: the change's description, capitalised, and the channel. */
    public static final Text CHANGE_APPLIED = text("deploymentText.changeApplied", "{0} in {1}", 0).sentence(0);
    public static final Text CONFIGURATION_READ = text("deploymentText.configurationRead",
            "version {0}, {1} organisations, {2} peers");
    public static final Text ALREADY_IN_VERSION = text("deploymentText.alreadyInVersion", "already in version {0}");
    public static final Text SIGNED_BY = text("deploymentText.signedBy",
            "signed by the admins of {0} ({1} of {2} needs {3})", 0).coded(1, "contractPolicy.");
    public static final Text COMMITTED_READ_BACK = text("deploymentText.committedReadBack",
            "committed (outcome read back from the chain)");
    public static final Text COMMITTED_IN_BLOCK = text("deploymentText.committedInBlock",
            "committed in block {0}, transaction {1}");

    private final MessageSource messages;
    private final RevocationReasons reasons;

    public DeploymentTexts(MessageSource messages) {
        this.messages = messages;
        this.reasons = new RevocationReasons(messages);
    }

    /**
     * The sentence {@code key} as the platform writes it, arguments as {0}, {1}...: for a page whose
     * script reads a REST answer's sentence in the reader's language (a deleted application's certificate).
     */
    public String written(String key) {
        return TEXTS.stream().filter(known -> known.key().equals(key)).findFirst().map(known -> known.english)
                .orElseThrow(() -> new IllegalArgumentException("no sentence " + key));
    }

    /** {@code written} in the console reader's language if the platform wrote it, else as written. */
    public String text(String written) {
        return text(written, LocaleContextHolder.getLocale());
    }

    public String text(String written, Locale locale) {
        if (written == null) {
            return null;
        }
        for (Text known : TEXTS) {
            Optional<Object[]> args = known.args(written);
            if (args.isPresent() && known.sentence.stream().allMatch(i -> isSentence(sentence(args.get()[i])))
                    && known.lists.entrySet().stream().allMatch(l -> isList((String) args.get()[l.getKey()],
                            l.getValue()))) {
                return read(known, args.get(), written, locale);
            }
        }
        return written;
    }

    private String read(Text known, Object[] read, String written, Locale locale) {
        // a certificate's role (NODE_TLS) is a code in English too: every reader reads its name,
        // in a nested sentence as well (a revoked certificate named inside a step)
        known.names.forEach((index, prefix) -> read[index] = messages.getMessage(prefix + read[index],
                null, (String) read[index], locale));
        known.nested.forEach(index -> read[index] = text((String) read[index], locale));
        known.lists.forEach((index, elements) -> read[index] = list(elements, (String) read[index], locale));
        // a reader of the language the platform writes in reads the sentence as written, codes too
        if (!known.english.equals(messages.getMessage(known.key(), null, known.english, locale))) {
            known.codes.forEach((index, prefix) -> read[index] = messages.getMessage(prefix + read[index],
                    null, (String) read[index], locale));
            known.sentence.forEach(index -> read[index] = text(sentence(read[index]), locale));
            known.sequences.forEach((index, elements) -> read[index] = sequence(known.leads.get(index), elements,
                    (String) read[index], locale));
            known.reasons.forEach(index -> read[index] = reasons.text((String) read[index], locale));
        }
        return messages.getMessage(known.key(), read, written, locale);
    }

    /**
     * Sentences one after another in {@code written} ("; put: org1; get: org2"), each starting with {@code lead}:
     * each part reads as the first of {@code elements} it is, or as written (the cluster's own words may hold
     * the lead too, and then carry on the part before them).
     */
    private String sequence(String lead, List<Text> elements, String written, Locale locale) {
        StringBuilder read = new StringBuilder();
        for (String one : written.split("(?=" + Pattern.quote(lead) + ")")) {
            read.append(elements.stream().filter(e -> e.args(one).isPresent()).findFirst()
                    .map(e -> read(e, e.args(one).orElseThrow(), one, locale)).orElse(one));
        }
        return read.toString();
    }

    /** Each of a list's items read as the first of {@code elements} it is, joined the reader's way ("a、b"). */
    private String list(List<Text> elements, String written, Locale locale) {
        List<String> read = new ArrayList<>();
        for (String one : written.split(LIST_SEPARATOR)) {
            Text element = elements.stream().filter(e -> e.args(one).isPresent()).findFirst().orElseThrow();
            read.add(read(element, element.args(one).orElseThrow(), one, locale));
        }
        return String.join(messages.getMessage("deploymentText.listSeparator", null, LIST_SEPARATOR, locale), read);
    }

    /** Whether every item of {@code written} is one of {@code elements}: only then is the whole that sentence. */
    private static boolean isList(String written, List<Text> elements) {
        return Arrays.stream(written.split(LIST_SEPARATOR))
                .allMatch(one -> elements.stream().anyMatch(e -> e.args(one).isPresent()));
    }

    /** One of the platform's sentences, as written. */
    private static boolean isSentence(String written) {
        return TEXTS.stream().anyMatch(known -> known.sentence.isEmpty() && known.args(written).isPresent());
    }

    /** A sentence written capitalised at the start of another ("Add organisation X in main"), as the platform writes it alone. */
    private static String sentence(Object capitalised) {
        String written = (String) capitalised;
        return written.isEmpty() ? written : Character.toLowerCase(written.charAt(0)) + written.substring(1);
    }

    /** The platform's sentences (the bundles must have each one's key). */
    static List<Text> texts() {
        return List.copyOf(TEXTS);
    }

    private static Text text(String key, String english, Integer... freeArguments) {
        Text text = new Text(key, english, Set.of(freeArguments));
        TEXTS.add(text);
        return text;
    }

    /**
     * One sentence, its arguments {0}, {1}... A name (a node's, a channel's, a number) is one word;
     * a free argument (a node's log, a directory, a list of nodes) may be any text; a coded argument
     * is a code (MAJORITY, ACTIVE) which reads in the reader's language as the console's message
     * {@code prefix + code}, as it does wherever the console shows that code (a named argument is
     * such a code in English too: a certificate's role); a nested argument is
     * itself one of these sentences, or any text (as written); a sentence argument is one of these
     * sentences capitalised, or the whole is not this sentence (a node's "address already in use");
     * a sequence argument is one sentence after another, each read as that sentence or as written;
     * a list argument is items joined with {@link #LIST_SEPARATOR}, each one of the given sentences,
     * or the whole is not this sentence;
     * a reason argument is a certificate's revocation reason, read as {@link RevocationReasons} reads it.
     */
    public static final class Text {
        private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d)}");
        private final String key;
        private final String english;
        private final Set<Integer> free;
        private Pattern pattern;
        private final List<Integer> order = new ArrayList<>();
        private final Map<Integer, String> codes = new HashMap<>();
        private final Map<Integer, String> names = new HashMap<>();
        private final Set<Integer> nested = new HashSet<>();
        private final Set<Integer> sentence = new HashSet<>();
        private final Map<Integer, List<Text>> sequences = new HashMap<>();
        private final Map<Integer, String> leads = new HashMap<>();
        private final Set<Integer> reasons = new HashSet<>();
        private final Map<Integer, List<Text>> lists = new HashMap<>();

        private Text(String key, String english, Set<Integer> free) {
            this.key = key;
            this.english = english;
            this.free = free;
            this.pattern = compile();
        }

        private Text coded(int index, String prefix) {
            codes.put(index, prefix);
            pattern = compile();
            return this;
        }

        /**
         * A coded argument that reads as its message in English too: the code is the only word
         * the sentence has for it (a certificate's role), where MAJORITY, say, reads as English.
         */
        private Text named(int index, String prefix) {
            names.put(index, prefix);
            pattern = compile();
            return this;
        }

        /** An argument that is itself one of the platform's sentences (a change's description). */
        private Text nested(int index) {
            nested.add(index);
            return this;
        }

        /** An argument that must be one of the platform's sentences, capitalised, for the whole to be this one. */
        private Text sentence(int index) {
            sentence.add(index);
            return this;
        }

        /** An argument that is {@code element}'s sentences one after another (a proposal's caller rules), or none. */
        private Text sequence(int index, Text element) {
            return sequence(index, element.lead(), element);
        }

        /** An argument that is sentences one after another, each one of {@code elements} and starting with {@code lead}. */
        private Text sequence(int index, String lead, Text... elements) {
            sequences.put(index, List.of(elements));
            leads.put(index, lead);
            return this;
        }

        /** A free argument that is items joined with {@link #LIST_SEPARATOR}, each one of {@code elements}. */
        private Text list(int index, Text... elements) {
            lists.put(index, List.of(elements));
            return this;
        }

        /** A free argument that is a certificate's revocation reason ("cessationOfOperation: application deleted"). */
        private Text reason(int index) {
            reasons.add(index);
            return this;
        }

        /** What the sentence starts with before its first argument ("; "), where one of a sequence starts. */
        private String lead() {
            Matcher first = ARGUMENT.matcher(english);
            return first.find() ? english.substring(0, first.start()) : english;
        }

        /** Stands for its argument {@code index} in a test: a sentence argument must be one of the sentences. */
        boolean isSentence(int index) {
            return sentence.contains(index);
        }

        private Pattern compile() {
            order.clear();
            StringBuilder regex = new StringBuilder();
            Matcher m = ARGUMENT.matcher(english);
            int at = 0;
            while (m.find()) {
                int index = Integer.parseInt(m.group(1));
                regex.append(Pattern.quote(english.substring(at, m.start())))
                        .append(codes.containsKey(index) || names.containsKey(index) ? "([A-Z][A-Z_]*)"
                                : free.contains(index) ? "(.*)" : "(\\S+)");
                order.add(index);
                at = m.end();
            }
            regex.append(Pattern.quote(english.substring(at)));
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }

        public String key() {
            return key;
        }

        /** The sentence as the platform writes it. */
        public String of(Object... args) {
            String written = english;
            for (int i = 0; i < args.length; i++) {
                written = written.replace("{" + i + "}", String.valueOf(args[i]));
            }
            return written;
        }

        /** Stands for its argument {@code index} in a test: a list argument's items must be its elements. */
        boolean isList(int index) {
            return lists.containsKey(index);
        }

        boolean isCoded(int index) {
            return codes.containsKey(index) || names.containsKey(index);
        }

        /** Its arguments; one may appear twice ("admin@{0}"). */
        int arity() {
            return (int) order.stream().distinct().count();
        }

        Optional<Object[]> args(String written) {
            Matcher m = pattern.matcher(written);
            if (!m.matches()) {
                return Optional.empty();
            }
            Object[] args = new Object[arity()];
            for (int group = 0; group < order.size(); group++) {
                args[order.get(group)] = m.group(group + 1);
            }
            return Optional.of(args);
        }

        @Override
        public String toString() {
            return key;
        }
    }
}
