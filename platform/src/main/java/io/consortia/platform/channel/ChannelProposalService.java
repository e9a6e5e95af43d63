package io.consortia.platform.channel;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing who is in a channel or in the consortium: the leader proposes, the admins of the
 * organisations concerned vote (a channel's organisations for a channel change, every member for
 * removing a member), MAJORITY decides. An organisation leaving on its own needs no vote: its
 * proposal is APPROVED when made. An approved proposal is applied on chain by
 * {@link ProposalExecution}; this class keeps the proposals, the votes and their status.
 */
@Service
public class ChannelProposalService {
    static final List<String> OPEN = List.of("PENDING", "APPROVED", "APPLYING");
    private final JdbcClient jdbc;
    private final ChannelService channels;
    private final ConsortiumService consortia;

    ChannelProposalService(JdbcClient jdbc, ChannelService channels, ConsortiumService consortia) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.consortia = consortia;
    }

    /** The leader proposes to add an organisation to, or remove one from, a channel. */
    @Transactional
    ChannelProposal propose(Caller caller, long consortiumId, String channelName, long organizationId,
            ProposalKind kind) {
        channels.requireCreator(caller, consortiumId);
        ChannelRecord channel = channels.require(consortiumId, channelName);
        if (!"ACTIVE".equals(channel.status())) {
            throw PlatformException.conflict("Channel " + channelName + " is " + channel.status()
                    + "; only an ACTIVE channel's members change");
        }
        if (!consortia.isMember(consortiumId, organizationId)) {
            throw PlatformException.invalid("Organisation " + organizationId + " is not a member of the consortium");
        }
        switch (kind) {
            case ADD_ORGANIZATION -> {
                if (channel.organizationIds().contains(organizationId)) {
                    throw PlatformException.conflict("Organisation " + organizationId + " is already in channel "
                            + channelName);
                }
            }
            case REMOVE_ORGANIZATION -> {
                if (!channel.organizationIds().contains(organizationId)) {
                    throw PlatformException.conflict("Organisation " + organizationId + " is not in channel "
                            + channelName);
                }
                if (channel.organizationIds().size() < 2) {
                    throw PlatformException.conflict("Organisation " + organizationId + " is the last one of channel "
                            + channelName + "; a channel keeps at least one organisation");
                }
                requireOtherPeers(channel, organizationId);
            }
            default -> throw InvalidFields.field("kind", "must be ADD_ORGANIZATION or REMOVE_ORGANIZATION for "
                    + "a channel; remove a member from the consortium with REMOVE_MEMBER on the consortium");
        }
        requireNoneOpen(consortiumId, channel.id(), organizationId, kind);
        // the leave takes it out of every channel: adding it would be undone, removing it is what the leave does
        requireNotLeaving(consortiumId, organizationId, "it takes the organisation out of every channel, "
                + "so a change of its channels is not needed");
        return insert(consortiumId, channel.id(), organizationId, kind, caller);
    }

    /** The leader proposes to remove a member from the consortium (its channels, its nodes, its membership). */
    @Transactional
    ChannelProposal proposeRemoval(Caller caller, long consortiumId, long organizationId) {
        Consortium consortium = channels.requireCreator(caller, consortiumId);
        if (!consortia.isMember(consortiumId, organizationId)) {
            throw PlatformException.invalid("Organisation " + organizationId + " is not a member of the consortium");
        }
        if (consortium.leaderOrganizationId() == organizationId) {
            throw PlatformException.conflict("The leading organisation cannot be removed from its consortium");
        }
        for (ChannelRecord channel : channels.ofConsortium(consortiumId)) {
            if (channel.organizationIds().contains(organizationId)) {
                if (channel.organizationIds().size() < 2) {
                    throw PlatformException.conflict("Organisation " + organizationId + " is the only one of channel "
                            + channel.name() + "; a channel keeps at least one organisation");
                }
                requireOtherPeers(channel, organizationId);
            }
        }
        requireNoneOpen(consortiumId, null, organizationId, ProposalKind.REMOVE_MEMBER);
        requireNotLeaving(consortiumId, organizationId, "a vote to remove it is not needed");
        return insert(consortiumId, null, organizationId, ProposalKind.REMOVE_MEMBER, caller);
    }

    /**
     * An admin of the organisation (or a platform admin) takes it out of the consortium without a
     * vote: an APPROVED LEAVE_CONSORTIUM proposal that {@link ProposalExecution} applies as it
     * applies REMOVE_MEMBER. Its earlier leave that FAILED is returned to be applied again. Refused
     * (409, nothing changed) for the leading organisation, a non-member, a removal of it or a change of
     * its channels already approved or being applied, and a channel that would be left without an
     * organisation or a node.
     */
    @Transactional
    ChannelProposal proposeLeave(Caller caller, long consortiumId, long organizationId) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        if (!ChannelPolicy.canLeave(caller, organizationId)) {
            throw PlatformException.forbidden("Only an admin of organisation " + organizationId
                    + " takes it out of a consortium");
        }
        lockConsortium(consortiumId);
        if (!consortia.isMember(consortiumId, organizationId)) {
            throw PlatformException.conflict("Organisation " + organizationId + " is not a member of consortium "
                    + consortiumId);
        }
        if (consortium.leaderOrganizationId() == organizationId) {
            throw PlatformException.conflict("Organisation " + organizationId + " leads consortium " + consortiumId
                    + " and cannot leave it; delete the consortium instead if it should end");
        }
        for (ChannelRecord channel : channels.ofConsortium(consortiumId)) {
            if (channel.organizationIds().contains(organizationId)) {
                if (channel.organizationIds().size() < 2) {
                    throw PlatformException.conflict("Organisation " + organizationId + " is the only organisation of "
                            + "channel " + channel.name() + ", which keeps at least one: ask the consortium leader to "
                            + "add another organisation to channel " + channel.name() + " first, then leave");
                }
                if (channels.peers(channel).stream().allMatch(n -> n.organizationId() == organizationId)) {
                    throw PlatformException.conflict("Every node of channel " + channel.name() + " belongs to "
                            + "organisation " + organizationId + ": ask another organisation of the channel to add a "
                            + "node to it first, then leave");
                }
            }
        }
        requireNoChannelChangeRunning(consortiumId, organizationId);
        List<ChannelProposal> removals = jdbc.sql("select id from channel_proposals where consortium_id = ? and "
                        + "organization_id = ? and channel_id is null and kind in ('REMOVE_MEMBER', 'LEAVE_CONSORTIUM') "
                        + "and status in ('APPROVED', 'APPLYING', 'FAILED') order by id desc")
                .params(consortiumId, organizationId).query(Long.class).list().stream().map(this::get).toList();
        for (ChannelProposal removal : removals) {
            if (!"FAILED".equals(removal.status())) {
                throw PlatformException.conflict("The removal of organisation " + organizationId + " from consortium "
                        + consortiumId + " is already under way (proposal " + removal.id() + ", "
                        + removal.status() + "); follow its operation");
            }
        }
        return removals.stream().filter(r -> ProposalKind.LEAVE_CONSORTIUM.name().equals(r.kind())).findFirst()
                .orElseGet(() -> {
                    KeyHolder keys = new GeneratedKeyHolder();
                    long now = System.currentTimeMillis();
                    jdbc.sql("insert into channel_proposals (consortium_id, channel_id, organization_id, kind, "
                                    + "proposed_by, policy, status, note, created_at, decided_at) values "
                                    + "(?, null, ?, ?, ?, 'NONE', 'APPROVED', ?, ?, ?)")
                            .params(consortiumId, organizationId, ProposalKind.LEAVE_CONSORTIUM.name(),
                                    caller.username(), ProposalNotes.leaving(organizationId), now, now)
                            .update(keys, "id");
                    return get(keys.getKey().longValue());
                });
    }

    /**
     * A leave waits for a change of the organisation's channels that is approved or being applied: both
     * would change that channel's configuration at the same time. A pending or failed one does not
     * stop it; the leave withdraws it ({@link #withdrawProposalsAbout}).
     */
    private void requireNoChannelChangeRunning(long consortiumId, long organizationId) {
        jdbc.sql("select id from channel_proposals where consortium_id = ? and organization_id = ? and "
                        + "channel_id is not null and status in ('APPROVED', 'APPLYING') order by id")
                .params(consortiumId, organizationId).query(Long.class).list().stream().findFirst()
                .map(this::get).ifPresent(change -> {
                    throw PlatformException.conflict("A change of organisation " + organizationId + "'s channels "
                            + "is under way (proposal " + change.id() + ", " + change.kind() + " of organisation "
                            + organizationId + " on channel " + change.channel() + ", is " + change.status()
                            + "): it and the leave would change channel " + change.channel() + " at the same "
                            + "time; follow it on the Proposals tab and leave once it ended");
                });
    }

    /**
     * An organisation's leave, for whoever may take it out ({@link ChannelPolicy#canLeave}): its admins
     * follow it to the end, also once the organisation is no longer a member and the consortium is no
     * longer theirs to see. Anyone else, and any other proposal, is 404.
     */
    ChannelProposal leaveOf(Caller caller, long proposalId) {
        ChannelProposal proposal = get(proposalId);
        if (!ProposalKind.LEAVE_CONSORTIUM.name().equals(proposal.kind())
                || !ChannelPolicy.canLeave(caller, proposal.organizationId())) {
            throw PlatformException.notFound("Leave", proposalId);
        }
        return proposal;
    }

    /**
     * The consortium's other proposals about the organisation, once it is no longer a member (proposal
     * {@code removal}, its leave or the vote that took it out, says why in {@code note}): a removal of it
     * from the consortium, and an addition to or removal from one of its channels made before. They are
     * moot, nobody is to vote on a non-member, and an approval or a retry must not change the chain for
     * it again.
     */
    void withdrawProposalsAbout(long consortiumId, long organizationId, long removal, String note) {
        jdbc.sql("update channel_proposals set status = 'WITHDRAWN', note = ? where consortium_id = ? and "
                        + "organization_id = ? and id <> ? and status in ('PENDING', 'APPROVED', 'FAILED')")
                .params(note, consortiumId, organizationId, removal).update();
    }

    /**
     * An admin of one of the organisations concerned approves or rejects, once. Not while the
     * organisation the proposal is about leaves on its own (409 naming the leave, nothing recorded): an
     * approval would wait for the leave and then be withdrawn by it.
     */
    @Transactional
    ChannelProposal vote(Caller caller, long proposalId, boolean approve) {
        // Votes on one proposal are serialised: two votes that both read PENDING would both be counted
        // and both decide it (the operation started twice, a late vote accepted after the decision).
        // The consortium first, as a leave locks it: a leave and an approving vote made at once would
        // otherwise each miss the other, and both change the organisation's channel.
        lockConsortium(get(proposalId).consortiumId());
        lock(proposalId);
        ChannelProposal proposal = get(proposalId);
        long organization = caller.requireOrganization();
        if (!canVoteOn(caller, proposal)) {
            throw PlatformException.forbidden(proposal.channel() == null
                    ? "Only admins of the consortium's organisations vote on removing a member"
                    : "Only admins of the channel's organisations vote");
        }
        if (!"PENDING".equals(proposal.status())) {
            throw PlatformException.conflict("Proposal " + proposalId + " is already " + proposal.status());
        }
        if (proposal.votes().stream().anyMatch(v -> v.organizationId() == organization)) {
            throw PlatformException.conflict("Organisation " + organization + " has already voted");
        }
        requireNotLeaving(proposal.consortiumId(), proposal.organizationId(), "the leave withdraws proposal "
                + proposalId + " once the organisation left, so a vote on it is not needed");
        jdbc.sql("insert into channel_votes (proposal_id, organization_id, approve, voter, at) values (?, ?, ?, ?, ?)")
                .params(proposalId, organization, approve, caller.username(), System.currentTimeMillis()).update();
        ChannelProposal updated = get(proposalId);
        int members = voters(updated).size();
        long approvals = updated.approvers().size();
        long rejections = updated.votes().size() - approvals;
        if (approvals * 2 > members) {
            decide(proposalId, "APPROVED", ProposalNotes.approved(approvals, members));
        } else if (rejections * 2 >= members) {
            decide(proposalId, "REJECTED", ProposalNotes.rejected(rejections, members));
        }
        return get(proposalId);
    }

    List<ChannelProposal> list(Caller caller, long consortiumId, String channelName) {
        consortia.requireVisible(caller, consortiumId);
        ChannelRecord channel = channels.require(consortiumId, channelName);
        return jdbc.sql("select id from channel_proposals where channel_id = ? order by id").param(channel.id())
                .query(Long.class).list().stream().map(this::get).toList();
    }

    /** Every proposal of the consortium, its channels' and its own, newest first. */
    public List<ChannelProposal> ofConsortium(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
        return jdbc.sql("select id from channel_proposals where consortium_id = ? order by id desc")
                .param(consortiumId).query(Long.class).list().stream().map(this::get).toList();
    }

    /**
     * Pending proposals the caller's organisation may vote on and has not voted on yet; not those about
     * an organisation whose leave is under way, which refuses the vote ({@link #vote}).
     */
    public List<ChannelProposal> awaitingVote(Caller caller) {
        if (caller.organizationId() == null) {
            return List.of();
        }
        long organization = caller.organizationId();
        return jdbc.sql("select p.id from channel_proposals p where p.status = 'PENDING' and (p.channel_id in "
                        + "(select m.channel_id from channel_members m where m.organization_id = :org) or "
                        + "(p.channel_id is null and p.consortium_id in (select cm.consortium_id from "
                        + "consortium_members cm where cm.organization_id = :org))) and not exists (select 1 from "
                        + "channel_votes v where v.proposal_id = p.id and v.organization_id = :org) and not exists "
                        + "(select 1 from channel_proposals l where l.consortium_id = p.consortium_id and "
                        + "l.organization_id = p.organization_id and l.kind = 'LEAVE_CONSORTIUM' and l.status in "
                        + "('APPROVED', 'APPLYING')) order by p.id")
                .param("org", organization).query(Long.class).list().stream().map(this::get).toList();
    }

    /**
     * The organisations of the consortium whose leave is under way (APPROVED or APPLYING), each with its
     * leave's proposal: a vote on a proposal about one of them is refused until the leave withdraws it.
     */
    public Map<Long, Long> leavesUnderWay(long consortiumId) {
        Map<Long, Long> leaves = new HashMap<>();
        jdbc.sql("select organization_id, id from channel_proposals where consortium_id = ? and channel_id is null "
                        + "and kind = 'LEAVE_CONSORTIUM' and status in ('APPROVED', 'APPLYING') order by id")
                .param(consortiumId).query(rs -> {
                    leaves.put(rs.getLong("organization_id"), rs.getLong("id"));
                });
        return leaves;
    }

    /** Whether the caller may vote on the proposal: an admin of an organisation it concerns ({@link ChannelPolicy#canVote}). */
    public boolean canVoteOn(Caller caller, ChannelProposal proposal) {
        return ChannelPolicy.canVote(caller, voters(proposal));
    }

    ChannelProposal view(Caller caller, long proposalId) {
        ChannelProposal proposal = get(proposalId);
        consortia.requireVisible(caller, proposal.consortiumId());
        return proposal;
    }

    /** The organisations whose admins vote: the channel's, or the consortium's for REMOVE_MEMBER. */
    List<Long> voters(ChannelProposal proposal) {
        Long channelId = channelId(proposal.id());
        return channelId == null ? consortia.memberIds(proposal.consortiumId())
                : channels.byId(channelId).orElseThrow().organizationIds();
    }

    ChannelRecord channelOf(ChannelProposal proposal) {
        Long channelId = channelId(proposal.id());
        return channelId == null ? null : channels.byId(channelId).orElseThrow();
    }

    void status(long proposalId, String status, String note, Long deploymentId) {
        jdbc.sql("update channel_proposals set status = ?, note = ?, deployment_id = coalesce(?, deployment_id) "
                        + "where id = ?")
                .params(status, note == null || note.length() <= 1000 ? note : note.substring(0, 997) + "...",
                        deploymentId, proposalId).update();
    }

    /** The operation that applies the proposal. */
    void deployment(long proposalId, long deploymentId) {
        jdbc.sql("update channel_proposals set deployment_id = ? where id = ?").params(deploymentId, proposalId)
                .update();
    }

    ChannelProposal get(long proposalId) {
        List<ChannelProposal.Vote> votes = jdbc.sql("select * from channel_votes where proposal_id = ? order by at")
                .param(proposalId)
                .query((rs, i) -> new ChannelProposal.Vote(rs.getLong("organization_id"), rs.getBoolean("approve"),
                        rs.getString("voter"), rs.getLong("at"))).list();
        return jdbc.sql("select p.*, c.name as channel from channel_proposals p left join channels c "
                        + "on c.id = p.channel_id where p.id = ?").param(proposalId)
                .query((rs, i) -> {
                    long decided = rs.getLong("decided_at");
                    Long decidedAt = rs.wasNull() ? null : decided;
                    long deployment = rs.getLong("deployment_id");
                    Long deploymentId = rs.wasNull() ? null : deployment;
                    return new ChannelProposal(rs.getLong("id"), rs.getString("kind"), rs.getLong("consortium_id"),
                            rs.getString("channel"), rs.getLong("organization_id"), rs.getString("proposed_by"),
                            rs.getString("policy"), rs.getString("status"), rs.getString("note"),
                            rs.getLong("created_at"), decidedAt, deploymentId, votes);
                }).optional().orElseThrow(() -> PlatformException.notFound("Proposal", proposalId));
    }

    /** Removing the organisation must leave the channel with nodes of others. */
    private void requireOtherPeers(ChannelRecord channel, long organizationId) {
        if (channels.peers(channel).stream().allMatch(n -> n.organizationId() == organizationId)) {
            throw PlatformException.conflict("Every node of channel " + channel.name() + " belongs to organisation "
                    + organizationId + "; add a node of another organisation first");
        }
    }

    private void requireNoneOpen(long consortiumId, Long channelId, long organizationId, ProposalKind kind) {
        lockConsortium(consortiumId);
        long open = jdbc.sql("select count(*) from channel_proposals where consortium_id = :c and organization_id = :o "
                        + "and kind = :k and " + (channelId == null ? "channel_id is null" : "channel_id = :ch")
                        + " and status in ('PENDING', 'APPROVED', 'APPLYING')")
                .param("c", consortiumId).param("o", organizationId).param("k", kind.name())
                .param("ch", channelId == null ? -1L : channelId).query(Long.class).single();
        if (open > 0) {
            throw PlatformException.conflict("A proposal to " + kind.name().toLowerCase().replace('_', ' ')
                    + " " + organizationId + " is already open");
        }
    }

    /**
     * An organisation whose leave is under way is not voted out, nor in or out of a channel, as well,
     * nor voted on in a proposal made before: the vote would be moot (the leave takes it out of every
     * channel and the consortium, and withdraws such proposals when it is done). Called with the
     * consortium locked, as {@link #proposeLeave} is.
     */
    private void requireNotLeaving(long consortiumId, long organizationId, String why) {
        jdbc.sql("select id from channel_proposals where consortium_id = ? and organization_id = ? and "
                        + "channel_id is null and kind = 'LEAVE_CONSORTIUM' and status in ('APPROVED', 'APPLYING') "
                        + "order by id desc")
                .params(consortiumId, organizationId).query(Long.class).list().stream().findFirst()
                .map(this::get).ifPresent(leave -> {
                    throw PlatformException.conflict("Organisation " + organizationId + " is leaving consortium "
                            + consortiumId + " on its own (proposal " + leave.id() + ", " + leave.status()
                            + "); follow its operation: " + why);
                });
    }

    /**
     * Proposals of one consortium are made one at a time (its row locked until the transaction ends):
     * two identical ones sent at once would both find none open and both be inserted, then both
     * approved and applied.
     */
    private void lockConsortium(long consortiumId) {
        jdbc.sql("select id from consortia where id = ? for update").param(consortiumId).query(Long.class).single();
    }

    private ChannelProposal insert(long consortiumId, Long channelId, long organizationId, ProposalKind kind,
            Caller caller) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into channel_proposals (consortium_id, channel_id, organization_id, kind, proposed_by, "
                        + "policy, status, created_at) values (?, ?, ?, ?, ?, 'MAJORITY', 'PENDING', ?)")
                .params(consortiumId, channelId, organizationId, kind.name(), caller.username(),
                        System.currentTimeMillis())
                .update(keys, "id");
        return get(keys.getKey().longValue());
    }

    private void decide(long proposalId, String status, String note) {
        // only a PENDING proposal is decided, and once: decided_at is never rewritten
        int decided = jdbc.sql("update channel_proposals set status = ?, note = ?, decided_at = ? where id = ? "
                        + "and status = 'PENDING'")
                .params(status, note, System.currentTimeMillis(), proposalId).update();
        if (decided != 1) {
            throw PlatformException.conflict("Proposal " + proposalId + " was decided meanwhile");
        }
    }

    /**
     * Locks the proposal's row until the transaction ends ({@code select ... for update}, on H2 as on
     * PostgreSQL): a concurrent vote waits, then reads the status and votes this one committed.
     */
    private void lock(long proposalId) {
        jdbc.sql("select id from channel_proposals where id = ? for update").param(proposalId).query(Long.class)
                .optional().orElseThrow(() -> PlatformException.notFound("Proposal", proposalId));
    }

    /**
     * Takes an APPROVED or FAILED proposal for applying it (APPLYING), in one conditional update, so
     * that of two concurrent starts (the deciding vote's and the leader's apply) only one runs the
     * operation; false when it was not APPROVED or FAILED (any more).
     */
    boolean claim(long proposalId) {
        return jdbc.sql("update channel_proposals set status = 'APPLYING', note = ? "
                        + "where id = ? and status in ('APPROVED', 'FAILED')").params(ProposalNotes.APPLYING, proposalId)
                .update() == 1;
    }

    /**
     * FAILED with the reason, only if the proposal is still APPROVED: a start from the votes that gave up
     * must not overwrite the status of a run someone else started (APPLYING, APPLIED, or its own FAILED).
     */
    boolean failApproved(long proposalId, String note) {
        return jdbc.sql("update channel_proposals set status = 'FAILED', note = ? where id = ? and status = 'APPROVED'")
                .params(note == null || note.length() <= 1000 ? note : note.substring(0, 997) + "...", proposalId)
                .update() == 1;
    }

    private Long channelId(long proposalId) {
        long id = jdbc.sql("select coalesce(channel_id, -1) from channel_proposals where id = ?").param(proposalId)
                .query(Long.class).optional().orElseThrow(() -> PlatformException.notFound("Proposal", proposalId));
        return id < 0 ? null : id;
    }
}
