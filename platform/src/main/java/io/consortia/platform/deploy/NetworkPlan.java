package io.consortia.platform.deploy;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.organization.Organization;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A network's desired state as the platform issued it: every member with its roots and its
 * nodes' credentials (private keys included: a {@link NetworkDeployer} puts them only where its
 * target keeps secrets).
 */
public record NetworkPlan(Consortium consortium, List<Member> members) {
    public NetworkPlan {
        members = List.copyOf(members);
    }

    /** One member organisation: its identity and TLS roots (public) and its nodes, in index order. */
    public record Member(Organization organization, X509Certificate root, X509Certificate tlsRoot,
            List<PlannedNode> nodes) {
        public Member {
            nodes = List.copyOf(nodes);
        }
    }

    /** A node's record (its address) and what it needs to start. */
    public record PlannedNode(NodeRecord record, NodeInstallation installation) {}

    public int nodeCount() {
        return members.stream().mapToInt(m -> m.nodes().size()).sum();
    }

    @Override
    public String toString() {
        return "NetworkPlan[consortium " + consortium.id() + ", " + nodeCount() + " nodes]";
    }
}
