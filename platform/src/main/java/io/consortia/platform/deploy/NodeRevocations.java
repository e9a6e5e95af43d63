package io.consortia.platform.deploy;

/**
 * What deleting a node needs from the certificate feature, which sits above this one and
 * implements it (like {@link NodeMembership}): a deleted node's certificates are revoked, not
 * forgotten. They stay valid under a root its organisation's peers trust until they expire, so
 * whoever copied the node's keys could otherwise still connect as it.
 */
public interface NodeRevocations {

    /**
     * Revokes every certificate of the node (the ones it uses and superseded ones still valid),
     * in custody and in the consortium's history, as an explicit revocation does. Says what it
     * revoked.
     */
    String revoke(NodeRecord node, String actor, String reason);

    /**
     * Puts the revocations of the node's organisation on chain in every channel it is in, as an
     * explicit revocation does; fails, saying that the node is deleted but not yet refused and
     * how to finish, when a channel does not commit it.
     */
    void publish(DeploymentSteps steps, NodeRecord node);
}
