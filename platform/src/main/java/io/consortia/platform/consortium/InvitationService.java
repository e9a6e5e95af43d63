package io.consortia.platform.consortium;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformException;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The leader invites and may withdraw a pending invitation; the invited organisation's admins
 * accept or decline it before it expires ({@link InvitationProperties#validity()}).
 */
@Service
public class InvitationService {
    private final InvitationRepository invitations;
    private final ConsortiumService consortia;
    private final OrganizationService organizations;
    private final ApplicationEventPublisher events;

    InvitationService(InvitationRepository invitations, ConsortiumService consortia,
            OrganizationService organizations, ApplicationEventPublisher events) {
        this.events = events;
        this.invitations = invitations;
        this.consortia = consortia;
        this.organizations = organizations;
    }

    @Transactional
    Invitation invite(Caller caller, long consortiumId, long organizationId) {
        consortia.requireLeader(caller, consortiumId);
        organizations.get(organizationId);
        if (consortia.isMember(consortiumId, organizationId)) {
            throw PlatformException.conflict("Organisation " + organizationId + " is already a member");
        }
        if (invitations.hasPending(consortiumId, organizationId)) {
            throw PlatformException.conflict("Organisation " + organizationId + " already has a pending invitation");
        }
        long id = invitations.insert(consortiumId, organizationId, caller.username());
        consortia.record(consortiumId, organizationId, "INVITED", caller.username());
        return invitations.byId(id).orElseThrow();
    }

    List<Invitation> ofConsortium(Caller caller, long consortiumId) {
        consortia.requireVisible(caller, consortiumId);
        return invitations.ofConsortium(consortiumId);
    }

    /**
     * Invitations addressed to the caller's organisation, each pending one with what the
     * organisation is asked to join ({@link InvitedConsortium}).
     */
    public List<ReceivedInvitation> mine(Caller caller) {
        if (caller.organizationId() == null) {
            return List.of();
        }
        return invitations.ofOrganization(caller.organizationId()).stream().map(this::received).toList();
    }

    private ReceivedInvitation received(Invitation invitation) {
        if (!invitation.isPending()) {
            return new ReceivedInvitation(invitation, null);
        }
        Consortium consortium = consortia.get(invitation.consortiumId());
        List<Organization> otherInvitees = invitations.ofConsortium(consortium.id()).stream()
                .filter(other -> other.isPending()
                        && other.organizationId() != invitation.organizationId())
                .map(other -> organizations.get(other.organizationId())).toList();
        return new ReceivedInvitation(invitation, InvitedConsortium.of(consortium,
                organizations.get(consortium.leaderOrganizationId()), consortia.members(consortium.id()),
                otherInvitees));
    }

    @Transactional
    public Invitation accept(Caller caller, long invitationId) {
        Invitation invitation = pendingFor(caller, invitationId);
        if (!invitations.decide(invitationId, Invitation.ACCEPTED, caller.username())) {
            throw changedMeanwhile(invitationId);
        }
        Consortium consortium = consortia.get(invitation.consortiumId());
        consortia.join(consortium.id(), invitation.organizationId(), consortium.signatureScheme(), "JOINED",
                caller.username());
        events.publishEvent(new MemberJoined(consortium.id(), invitation.organizationId(), caller.username()));
        return invitations.byId(invitationId).orElseThrow();
    }

    @Transactional
    Invitation decline(Caller caller, long invitationId) {
        Invitation invitation = pendingFor(caller, invitationId);
        if (!invitations.decide(invitationId, Invitation.DECLINED, caller.username())) {
            throw changedMeanwhile(invitationId);
        }
        consortia.record(invitation.consortiumId(), invitation.organizationId(), "DECLINED", caller.username());
        return invitations.byId(invitationId).orElseThrow();
    }

    /**
     * The leader (or a platform admin) takes back an invitation not answered yet; the organisation
     * can no longer accept it, and may be invited again.
     */
    @Transactional
    Invitation withdraw(Caller caller, long consortiumId, long invitationId) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        if (!ConsortiumPolicy.canWithdraw(caller, consortium)) {
            throw PlatformException.forbidden("Only the consortium leader (an admin of organisation "
                    + consortium.leaderOrganizationId() + ") or a platform admin may withdraw an invitation");
        }
        Invitation invitation = invitations.byId(invitationId).filter(i -> i.consortiumId() == consortiumId)
                .orElseThrow(() -> PlatformException.notFound("Invitation", invitationId));
        requirePending(invitation);
        if (!invitations.decide(invitationId, Invitation.WITHDRAWN, caller.username())) {
            throw changedMeanwhile(invitationId);
        }
        consortia.record(consortiumId, invitation.organizationId(), "WITHDRAWN", caller.username());
        return invitations.byId(invitationId).orElseThrow();
    }

    private Invitation pendingFor(Caller caller, long invitationId) {
        Invitation invitation = invitations.byId(invitationId)
                .orElseThrow(() -> PlatformException.notFound("Invitation", invitationId));
        if (!ConsortiumPolicy.canAnswer(caller, invitation)) {
            throw PlatformException.forbidden("Only an admin of organisation " + invitation.organizationId()
                    + " may do this");
        }
        requirePending(invitation);
        return invitation;
    }

    /** 409 unless the invitation can still be answered, saying why not and what can be done. */
    private static void requirePending(Invitation invitation) {
        String refused = switch (invitation.status()) {
            case Invitation.PENDING -> null;
            case Invitation.WITHDRAWN -> "was withdrawn by " + invitation.decidedBy()
                    + "; the consortium leader can invite the organisation again";
            case Invitation.EXPIRED -> "expired unanswered at " + Instant.ofEpochMilli(invitation.expiresAt())
                    + "; the consortium leader can invite the organisation again";
            default -> "is already " + invitation.status();
        };
        if (refused != null) {
            throw PlatformException.conflict("Invitation " + invitation.id() + " " + refused);
        }
    }

    private PlatformException changedMeanwhile(long invitationId) {
        String now = invitations.byId(invitationId).map(Invitation::status).orElse("gone");
        return PlatformException.conflict("Invitation " + invitationId + " changed meanwhile: it is " + now);
    }
}
