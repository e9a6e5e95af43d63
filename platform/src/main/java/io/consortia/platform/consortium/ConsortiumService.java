package io.consortia.platform.consortium;

import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.KubernetesProperties;
import io.consortia.platform.system.PlatformException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consortia and who may see or lead them. Visible to the users of member organisations,
 * platform admins and auditors; led by the admins of the organisation that created it.
 */
@Service
public class ConsortiumService {
    private final ConsortiumRepository consortia;
    private final OrganizationService organizations;
    private final CustodyService custody;
    private final KubernetesProperties kubernetes;

    ConsortiumService(ConsortiumRepository consortia, OrganizationService organizations, CustodyService custody,
            KubernetesProperties kubernetes) {
        this.consortia = consortia;
        this.organizations = organizations;
        this.custody = custody;
        this.kubernetes = kubernetes;
    }

    /** An organisation admin creates a consortium; their organisation becomes its leader and first member. */
    @Transactional
    public Consortium create(Caller caller, NewConsortium request) {
        if (!ConsortiumPolicy.canCreate(caller)) {
            throw PlatformException.forbidden("Only an organisation admin may create a consortium");
        }
        NewConsortium.DeploymentTarget target = request.deploymentTarget() == null
                ? NewConsortium.DeploymentTarget.LOCAL : request.deploymentTarget();
        if (!NewConsortium.DeploymentTarget.available(kubernetes).contains(target)) {
            throw PlatformException.invalid("Deployment target " + target + " is not configured on this platform: "
                    + "a platform admin sets " + KubernetesProperties.ENABLED + "=true (and consortia.kubernetes."
                    + "kubeconfig, or runs the platform in the cluster); see docs/kubernetes.md");
        }
        String name = request.name().strip();
        if (consortia.nameTaken(name)) {
            throw PlatformException.conflict("A consortium named '" + name + "' already exists; choose another name");
        }
        long leader = caller.requireOrganization();
        long id = consortia.insert(name, request.signatureScheme(),
                request.nodesPerOrganization() == null ? 1 : request.nodesPerOrganization(),
                request.consensus() == null ? "RAFT" : request.consensus().name(),
                target.name(), leader);
        join(id, leader, request.signatureScheme(), "CREATED", caller.username());
        return get(id);
    }

    public Consortium get(long id) {
        return consortia.byId(id).orElseThrow(() -> PlatformException.notFound("Consortium", id));
    }

    /**
     * The consortium, if the caller may see it. To anyone else it answers the 404 of an id no
     * consortium has: a 403 would tell outsiders which private consortia exist.
     */
    public Consortium requireVisible(Caller caller, long id) {
        Consortium consortium = get(id);
        if (!ConsortiumPolicy.canRead(caller, consortia.memberIds(id))) {
            throw PlatformException.notFound("Consortium", id);
        }
        return consortium;
    }

    /**
     * A node of the consortium, if the caller may see the consortium: to anyone else the 404 of a
     * name no node has (a 403 would confirm the node, and its consortium, exist).
     */
    public Consortium requireNodeVisible(Caller caller, long consortiumId, String nodeId) {
        Consortium consortium = get(consortiumId);
        if (!ConsortiumPolicy.canRead(caller, consortia.memberIds(consortiumId))) {
            throw PlatformException.notFound("Node", nodeId);
        }
        return consortium;
    }

    /**
     * The consortium, if the caller is an admin of its leading organisation: 403 to those who see
     * it (members, platform admins, auditors), the 404 of an absent id to everyone else.
     */
    public Consortium requireLeader(Caller caller, long id) {
        Consortium consortium = requireVisible(caller, id);
        if (!ConsortiumPolicy.canLead(caller, consortium)) {
            throw PlatformException.forbidden("Only the consortium leader (an admin of organisation "
                    + consortium.leaderOrganizationId() + ") may do this");
        }
        return consortium;
    }

    public List<Consortium> list(Caller caller) {
        if (caller.seesEverything()) {
            return consortia.all();
        }
        return caller.organizationId() == null ? List.of() : consortia.ofOrganization(caller.organizationId());
    }

    public List<Long> memberIds(long consortiumId) {
        return consortia.memberIds(consortiumId);
    }

    public List<Organization> members(long consortiumId) {
        return consortia.memberIds(consortiumId).stream().map(organizations::get).toList();
    }

    public boolean isMember(long consortiumId, long organizationId) {
        return consortia.isMember(consortiumId, organizationId);
    }

    public List<MembershipEvent> history(Caller caller, long consortiumId) {
        requireVisible(caller, consortiumId);
        return consortia.history(consortiumId);
    }

    /** Status changes come from deployments. */
    /**
     * Deletes the consortium with its members, invitations, history and every key in custody for
     * it. The caller (the deployer, which knows) has made sure it has no network and no
     * deployment running.
     */
    @Transactional
    public void delete(long id) {
        custody.forgetConsortium(id);
        consortia.delete(id);
    }

    @Transactional
    public void setStatus(long id, ConsortiumStatus status) {
        consortia.setStatus(id, status);
    }

    @Transactional
    public void join(long consortiumId, long organizationId, SchemeChoice scheme, String event, String actor) {
        Organization organization = organizations.get(organizationId);
        consortia.addMember(consortiumId, organizationId);
        consortia.record(consortiumId, organizationId, event, actor);
        custody.enroll(consortiumId, organizationId, organization.name(), scheme.scheme());
    }

    /**
     * The organisation is no longer a member (it left every channel and its nodes are gone); its
     * history stays, and so do its CA and keys in custody, for the blocks it signed.
     */
    @Transactional
    public void leave(long consortiumId, long organizationId, String actor, String detail) {
        Consortium consortium = get(consortiumId);
        if (consortium.leaderOrganizationId() == organizationId) {
            throw PlatformException.conflict("The leading organisation cannot leave its consortium");
        }
        consortia.removeMember(consortiumId, organizationId);
        consortia.record(consortiumId, organizationId, "REMOVED", actor, detail);
    }

    public void record(long consortiumId, long organizationId, String event, String actor) {
        consortia.record(consortiumId, organizationId, event, actor);
    }

    /** Records a change with a detail people need to read it (the channel, the operation). */
    public void record(long consortiumId, long organizationId, String event, String actor, String detail) {
        consortia.record(consortiumId, organizationId, event, actor, detail);
    }
}
