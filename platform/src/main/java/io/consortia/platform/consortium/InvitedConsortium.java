package io.consortia.platform.consortium;

import io.consortia.platform.organization.Organization;
import java.util.List;

/**
 * What an invited organisation is asked to join, shown to it with its pending invitation: the
 * consortium itself stays visible only to its members, yet the invited admin should not have to
 * accept blind (accepting issues the organisation's CA and, on a running network, deploys its
 * nodes). Only the terms of joining: no node addresses, keys or channels.
 *
 * @param leaderOrganization   the name of the organisation that leads the consortium
 * @param memberOrganizations  the names of the current member organisations, the leader among them
 * @param otherInvitees        the names of the other organisations invited and not yet answering
 */
public record InvitedConsortium(String leaderOrganization, SchemeChoice signatureScheme, int nodesPerOrganization,
        List<String> memberOrganizations, List<String> otherInvitees) {

    static InvitedConsortium of(Consortium consortium, Organization leader, List<Organization> members,
            List<Organization> otherInvitees) {
        return new InvitedConsortium(leader.name(), consortium.signatureScheme(), consortium.nodesPerOrganization(),
                members.stream().map(Organization::name).toList(),
                otherInvitees.stream().map(Organization::name).toList());
    }
}
