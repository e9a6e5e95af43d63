package io.consortia.platform.consortium;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.AuditNotes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Consortia")
class ConsortiumController {
    private final ConsortiumService consortia;
    private final InvitationService invitations;
    private final CurrentUser currentUser;

    ConsortiumController(ConsortiumService consortia, InvitationService invitations, CurrentUser currentUser) {
        this.consortia = consortia;
        this.invitations = invitations;
        this.currentUser = currentUser;
    }

    record NewInvitation(@NotNull Long organizationId) {}

    record Member(long organizationId, String name, String displayName, boolean leader) {}

    @Operation(summary = "Create a consortium (organisation admin; the organisation becomes its leader)")
    @PostMapping("/consortia")
    @ResponseStatus(HttpStatus.CREATED)
    Consortium create(@Valid @RequestBody NewConsortium request) {
        Consortium created = consortia.create(currentUser.get(), request);
        AuditNotes.note("consortium", created.id());
        AuditNotes.note("consortiumName", created.name());
        return created;
    }

    @Operation(summary = "Consortia the caller can see")
    @GetMapping("/consortia")
    List<Consortium> list() {
        return consortia.list(currentUser.get());
    }

    @Operation(summary = "One consortium")
    @GetMapping("/consortia/{id}")
    Consortium get(@PathVariable long id) {
        return consortia.requireVisible(currentUser.get(), id);
    }

    @Operation(summary = "Member organisations")
    @GetMapping("/consortia/{id}/members")
    List<Member> members(@PathVariable long id) {
        Consortium consortium = consortia.requireVisible(currentUser.get(), id);
        return consortia.members(id).stream()
                .map(o -> new Member(o.id(), o.name(), o.displayName(), o.id() == consortium.leaderOrganizationId()))
                .toList();
    }

    @Operation(summary = "Membership history: created, invited, joined, declined, withdrawn")
    @GetMapping("/consortia/{id}/history")
    List<MembershipEvent> history(@PathVariable long id) {
        return consortia.history(currentUser.get(), id);
    }

    @Operation(summary = "Invite an organisation (consortium leader)")
    @PostMapping("/consortia/{id}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    Invitation invite(@PathVariable long id, @Valid @RequestBody NewInvitation request) {
        return noted(invitations.invite(currentUser.get(), id, request.organizationId()));
    }

    @Operation(summary = "Withdraw a pending invitation (consortium leader or platform admin)",
            description = "The invited organisation can no longer accept it, and may be invited again. 409 when it "
                    + "was accepted, declined, withdrawn or has expired already.")
    @DeleteMapping("/consortia/{id}/invitations/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@PathVariable long id, @PathVariable long invitationId) {
        invitations.withdraw(currentUser.get(), id, invitationId);
        AuditNotes.note("invitation", invitationId);
        AuditNotes.note("answer", "WITHDRAWN");
    }

    @Operation(summary = "The consortium's invitations",
            description = "Status PENDING, ACCEPTED, DECLINED, WITHDRAWN or EXPIRED (unanswered after "
                    + "consortia.invitations.validity; expiresAt says when a pending one will).")
    @GetMapping("/consortia/{id}/invitations")
    List<Invitation> invitations(@PathVariable long id) {
        return invitations.ofConsortium(currentUser.get(), id);
    }

    @Operation(summary = "Invitations addressed to the caller's organisation",
            description = "A pending invitation carries what the organisation is asked to join (consortium: the "
                    + "leader organisation, signature scheme, nodes per organisation, member organisations and the "
                    + "other organisations invited), though the consortium itself stays visible only to its members; "
                    + "a decided one carries only itself (consortium null).")
    @GetMapping("/invitations")
    List<ReceivedInvitation> mine() {
        return invitations.mine(currentUser.get());
    }

    @Operation(summary = "Accept an invitation (admin of the invited organisation)")
    @PostMapping("/invitations/{invitationId}/accept")
    Invitation accept(@PathVariable long invitationId) {
        return noted(invitations.accept(currentUser.get(), invitationId));
    }

    @Operation(summary = "Decline an invitation (admin of the invited organisation)")
    @PostMapping("/invitations/{invitationId}/decline")
    Invitation decline(@PathVariable long invitationId) {
        Caller caller = currentUser.get();
        return noted(invitations.decline(caller, invitationId));
    }

    /** The invitation's facts for the audit record: which consortium invited which organisation, and the answer. */
    private static Invitation noted(Invitation invitation) {
        AuditNotes.note("invitation", invitation.id());
        AuditNotes.note("consortium", invitation.consortiumId());
        AuditNotes.note("organization", invitation.organizationId());
        if (!Invitation.PENDING.equals(invitation.status())) {
            AuditNotes.note("answer", invitation.status());
        }
        return invitation;
    }

}
