package io.consortia.platform.channel;

/** What a proposal changes. */
public enum ProposalKind {
    /** Add a member organisation (and its nodes) to a channel. */
    ADD_ORGANIZATION,
    /** Remove an organisation (its nodes first) from a channel. */
    REMOVE_ORGANIZATION,
    /** Remove an organisation from the consortium: every channel, then its nodes, then its membership. */
    REMOVE_MEMBER;

    boolean ofChannel() {
        return this != REMOVE_MEMBER;
    }
}
