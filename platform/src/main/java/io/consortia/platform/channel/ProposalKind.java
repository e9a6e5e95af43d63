package io.consortia.platform.channel;

/** What a proposal changes. */
public enum ProposalKind {
    /** Add a member organisation (and its nodes) to a channel. */
    ADD_ORGANIZATION,
    /** Remove an organisation (its nodes first) from a channel. */
    REMOVE_ORGANIZATION,
    /** Remove an organisation from the consortium: every channel, then its nodes, then its membership. */
    REMOVE_MEMBER,
    /**
     * An organisation leaves the consortium on its own: the work of REMOVE_MEMBER without a vote,
     * asked for by one of its admins (nobody is kept in a consortium against its will).
     */
    LEAVE_CONSORTIUM;

    boolean ofChannel() {
        return this == ADD_ORGANIZATION || this == REMOVE_ORGANIZATION;
    }
}
