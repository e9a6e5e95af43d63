package io.consortia.platform.channel;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.PlatformException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adding an organisation to an existing channel: the leader proposes, the admins of the
 * channel's organisations vote, MAJORITY decides. An approved change is recorded; applying it to
 * running nodes needs a channel-configuration change the node does not support yet, so the
 * proposal ends APPROVED_NOT_APPLIED with a note saying so.
 */
@Service
public class ChannelProposalService {
    static final String NOT_APPLIED = "Approved. Applying it to the running nodes is not supported yet: the node "
            + "cannot change a channel's organisations or Raft membership. Create a new channel with the "
            + "organisation instead.";
    private final JdbcClient jdbc;
    private final ChannelService channels;
    private final ConsortiumService consortia;

    ChannelProposalService(JdbcClient jdbc, ChannelService channels, ConsortiumService consortia) {
        this.jdbc = jdbc;
        this.channels = channels;
        this.consortia = consortia;
    }

    @Transactional
    ChannelProposal propose(Caller caller, long consortiumId, String channelName, long organizationId) {
        channels.requireCreator(caller, consortiumId);
        ChannelRecord channel = channels.require(consortiumId, channelName);
        if (!consortia.isMember(consortiumId, organizationId)) {
            throw PlatformException.invalid("Organisation " + organizationId + " is not a member of the consortium");
        }
        if (channel.organizationIds().contains(organizationId)) {
            throw PlatformException.conflict("Organisation " + organizationId + " is already in channel " + channelName);
        }
        long pending = jdbc.sql("select count(*) from channel_proposals where channel_id = ? and organization_id = ? "
                + "and status = 'PENDING'").params(channel.id(), organizationId).query(Long.class).single();
        if (pending > 0) {
            throw PlatformException.conflict("A proposal to add organisation " + organizationId + " is pending");
        }
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into channel_proposals (channel_id, organization_id, proposed_by, policy, status, created_at) "
                        + "values (?, ?, ?, 'MAJORITY', 'PENDING', ?)")
                .params(channel.id(), organizationId, caller.username(), System.currentTimeMillis())
                .update(keys, "id");
        return get(keys.getKey().longValue());
    }

    /** An admin of one of the channel's organisations approves or rejects, once. */
    @Transactional
    ChannelProposal vote(Caller caller, long proposalId, boolean approve) {
        ChannelProposal proposal = get(proposalId);
        long channelId = channelId(proposalId);
        ChannelRecord channel = channels.byId(channelId).orElseThrow();
        long organization = caller.requireOrganization();
        if (!ChannelPolicy.canVote(caller, channel)) {
            throw PlatformException.forbidden("Only admins of the channel's organisations vote");
        }
        if (!"PENDING".equals(proposal.status())) {
            throw PlatformException.conflict("Proposal " + proposalId + " is already " + proposal.status());
        }
        if (proposal.votes().stream().anyMatch(v -> v.organizationId() == organization)) {
            throw PlatformException.conflict("Organisation " + organization + " has already voted");
        }
        jdbc.sql("insert into channel_votes (proposal_id, organization_id, approve, voter, at) values (?, ?, ?, ?, ?)")
                .params(proposalId, organization, approve, caller.username(), System.currentTimeMillis()).update();
        ChannelProposal updated = get(proposalId);
        int members = channel.organizationIds().size();
        long approvals = updated.votes().stream().filter(ChannelProposal.Vote::approve).count();
        long rejections = updated.votes().size() - approvals;
        if (approvals * 2 > members) {
            decide(proposalId, "APPROVED_NOT_APPLIED", NOT_APPLIED);
        } else if (rejections * 2 >= members) {
            decide(proposalId, "REJECTED", "Rejected by " + rejections + " of " + members + " organisations");
        }
        return get(proposalId);
    }

    List<ChannelProposal> list(Caller caller, long consortiumId, String channelName) {
        consortia.requireVisible(caller, consortiumId);
        ChannelRecord channel = channels.require(consortiumId, channelName);
        return jdbc.sql("select id from channel_proposals where channel_id = ? order by id").param(channel.id())
                .query(Long.class).list().stream().map(this::get).toList();
    }

    /** Pending proposals in channels of the caller's organisation that it has not voted on yet. */
    public List<ChannelProposal> awaitingVote(Caller caller) {
        if (caller.organizationId() == null) {
            return List.of();
        }
        long organization = caller.organizationId();
        return jdbc.sql("select p.id from channel_proposals p join channel_members m on m.channel_id = p.channel_id "
                        + "where p.status = 'PENDING' and m.organization_id = :org and not exists (select 1 from "
                        + "channel_votes v where v.proposal_id = p.id and v.organization_id = :org) order by p.id")
                .param("org", organization).query(Long.class).list().stream().map(this::get).toList();
    }

    /** Whether the caller may vote on the proposal ({@link ChannelPolicy#canVote} on its channel). */
    public boolean canVoteOn(Caller caller, ChannelProposal proposal) {
        return channels.byId(channelId(proposal.id())).map(c -> ChannelPolicy.canVote(caller, c)).orElse(false);
    }

    ChannelProposal view(Caller caller, long proposalId) {
        ChannelProposal proposal = get(proposalId);
        channels.byId(channelId(proposalId)).ifPresent(c -> consortia.requireVisible(caller, c.consortiumId()));
        return proposal;
    }

    private void decide(long proposalId, String status, String note) {
        jdbc.sql("update channel_proposals set status = ?, note = ?, decided_at = ? where id = ?")
                .params(status, note, System.currentTimeMillis(), proposalId).update();
    }

    private long channelId(long proposalId) {
        return jdbc.sql("select channel_id from channel_proposals where id = ?").param(proposalId).query(Long.class)
                .optional().orElseThrow(() -> PlatformException.notFound("Proposal", proposalId));
    }

    private ChannelProposal get(long proposalId) {
        List<ChannelProposal.Vote> votes = jdbc.sql("select * from channel_votes where proposal_id = ? order by at")
                .param(proposalId)
                .query((rs, i) -> new ChannelProposal.Vote(rs.getLong("organization_id"), rs.getBoolean("approve"),
                        rs.getString("voter"), rs.getLong("at"))).list();
        return jdbc.sql("select p.*, c.name as channel from channel_proposals p join channels c on c.id = p.channel_id "
                        + "where p.id = ?").param(proposalId)
                .query((rs, i) -> {
                    long decided = rs.getLong("decided_at");
                    Long decidedAt = rs.wasNull() ? null : decided;
                    return new ChannelProposal(rs.getLong("id"), rs.getString("channel"), rs.getLong("organization_id"),
                            rs.getString("proposed_by"), rs.getString("policy"), rs.getString("status"),
                            rs.getString("note"), rs.getLong("created_at"), decidedAt, votes);
                }).optional().orElseThrow(() -> PlatformException.notFound("Proposal", proposalId));
    }
}
