package io.consortia.platform.consortium;

import io.consortia.platform.identity.Caller;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * A consortium's members and invitations as pages show them: on the Members tab and on the
 * wizard's invite and deploy steps (the latter is the deployment feature's page).
 */
@Component
public class MembershipModel {
    private final ConsortiumService consortia;
    private final InvitationService invitations;
    private final OrganizationService organizations;

    MembershipModel(ConsortiumService consortia, InvitationService invitations, OrganizationService organizations) {
        this.consortia = consortia;
        this.invitations = invitations;
        this.organizations = organizations;
    }

    /** Adds members, invitations, the organisations still invitable, the leader flag and whether the caller may leave. */
    public void addTo(Model model, Caller caller, Consortium consortium) {
        List<Organization> members = consortia.members(consortium.id());
        List<Invitation> sent = invitations.ofConsortium(caller, consortium.id());
        Set<Long> memberIds = members.stream().map(Organization::id).collect(Collectors.toSet());
        Set<Long> taken = new java.util.HashSet<>(memberIds);
        sent.stream().filter(i -> i.isPending()).forEach(i -> taken.add(i.organizationId()));
        model.addAttribute("consortium", consortium);
        model.addAttribute("leader", ConsortiumPolicy.canLead(caller, consortium));
        model.addAttribute("canWithdraw", ConsortiumPolicy.canWithdraw(caller, consortium));
        model.addAttribute("canLeave", ConsortiumPolicy.canLeave(caller, consortium, memberIds));
        model.addAttribute("members", members);
        model.addAttribute("invitations", sent);
        model.addAttribute("invitable", organizations.all().stream().filter(o -> !taken.contains(o.id())).toList());
        model.addAttribute("pendingCount", sent.stream().filter(i -> i.isPending()).count());
        model.addAttribute("organizationNames", organizations.names());
    }
}
