package io.consortia.platform.deploy;

import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.SchemeChoice;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.NodeCredentials;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformProperties;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The platform's deployment service and node records (H2) for a running consortium "Acme Trade"
 * of one organisation, org1, whose admin alice leads it, on the target a test gives: for the tests
 * of adding nodes. Custody issues real certificates from org1's CA; the consortium's records,
 * the nodes' channel membership and the revocations are mocks the test stubs or verifies.
 */
final class AddNodeFixture implements AutoCloseable {
    private static final Duration VALIDITY = Duration.ofDays(30);
    final ConsortiumService consortia = mock(ConsortiumService.class);
    final NodeMembership membership = mock(NodeMembership.class);
    final NodeRevocations revocations = mock(NodeRevocations.class);
    final NetworkChannels channels = mock(NetworkChannels.class);
    final HikariDataSource pool = OneConnectionDatabase.open();
    final DeploymentRepository records;
    final NodeRepository nodes;
    final NodeOperations operations;
    final DeploymentService deployments;
    final long consortium;
    final Organization org1;
    final Caller leader;

    /**
     * @param target       LOCAL, KUBERNETES...
     * @param deployer     the target's deployer, made with the consortium records it may read
     * @param startTimeout how long a started node has to answer its health check
     */
    @SuppressWarnings("unchecked")
    AddNodeFixture(String target, Function<ConsortiumService, Deployer> deployer, Duration startTimeout) {
        JdbcClient jdbc = JdbcClient.create(pool);
        org1 = new Organization(OneConnectionDatabase.organization(jdbc, "org1"), "org1", "Org One", 0);
        consortium = OneConnectionDatabase.consortium(jdbc, org1.id());
        leader = new Caller(1, "alice", null, org1.id(), OrganizationRole.ADMIN);
        when(consortia.get(consortium)).thenReturn(new Consortium(consortium, "Acme Trade", SchemeChoice.ECDSA_P256,
                2, "RAFT", target, org1.id(), ConsortiumStatus.RUNNING, 0));
        when(consortia.isMember(consortium, org1.id())).thenReturn(true);
        // the callers here are its leader and member admins: they see the consortium as it is stubbed now
        when(consortia.requireVisible(any(), anyLong())).thenAnswer(call -> consortia.get(call.<Long>getArgument(1)));
        when(consortia.requireNodeVisible(any(), anyLong(), anyString()))
                .thenAnswer(call -> consortia.get(call.<Long>getArgument(1)));
        OrganizationService organizations = mock(OrganizationService.class);
        when(organizations.get(org1.id())).thenReturn(org1);
        when(membership.join(any(), any())).thenReturn("joined trade");
        when(revocations.revoke(any(), anyString(), anyString())).thenReturn("revoked");
        Deployer made = deployer.apply(consortia);
        Deployers deployers = mock(Deployers.class);
        when(deployers.ofConsortium(consortium)).thenReturn(made);
        when(deployers.of(any())).thenReturn(made);
        CertificateAuthority ca = CertificateAuthority.create("org1", SchemeChoice.ECDSA_P256.scheme(), VALIDITY);
        CustodyService custody = mock(CustodyService.class);
        when(custody.tlsRoots(consortium)).thenReturn(List.of(ca.tlsRoot()));
        when(custody.root(consortium, org1.id())).thenReturn(ca.root());
        when(custody.tlsRoot(consortium, org1.id())).thenReturn(ca.tlsRoot());
        when(custody.issueNode(eq(consortium), eq(org1.id()), anyString(), anyList())).thenAnswer(call ->
                new NodeCredentials(ca.issue(CertificateRole.NODE, call.getArgument(2), VALIDITY),
                        ca.issueTls(CertificateRole.NODE, call.getArgument(2), call.getArgument(3), VALIDITY)));
        PlatformProperties platform = mock(PlatformProperties.class);
        when(platform.node()).thenReturn(new PlatformProperties.Node(List.of(), 20000, 29999, startTimeout,
                Duration.ofSeconds(2), 5, "", "", Duration.ofSeconds(30), Duration.ofMinutes(10)));
        ObjectProvider<NodeRevocations> revocationProvider = mock(ObjectProvider.class);
        when(revocationProvider.getObject()).thenReturn(revocations);
        records = new DeploymentRepository(jdbc);
        nodes = new NodeRepository(jdbc);
        operations = new NodeOperations(deployers, nodes, custody, platform, revocationProvider,
                mock(ObjectProvider.class));
        deployments = new DeploymentService(records, nodes, operations, consortia, organizations,
                channels, membership);
    }

    /** The operation once it ended. */
    Deployment finished(Deployment started) {
        return await().atMost(Duration.ofMinutes(1)).until(() -> records.byId(started.id()).orElseThrow(),
                d -> !"RUNNING".equals(d.status()));
    }

    @Override
    public void close() {
        deployments.shutdown();
        pool.close();
    }
}
