package io.consortia.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.SignatureScheme;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.SchemeChoice;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.deploy.Deployers;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.identity.PlatformRole;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.ChannelConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A channel whose creation failed on the nodes (some of them may already run it) is created
 * again by the same request: the same genesis configuration goes to the same nodes, which the
 * nodes take idempotently. Another set of organisations is refused, changing nothing.
 */
class ChannelRetryTest {
    private HikariDataSource pool;
    private ChannelRepository repository;
    private ChannelBootstrap bootstrap;
    private ChannelService service;
    private Caller leader;
    private long consortium;
    private long org1;
    private long org2;

    @BeforeEach
    void setUp() {
        pool = OneConnectionDatabase.open();
        JdbcClient jdbc = JdbcClient.create(pool);
        org1 = OneConnectionDatabase.organization(jdbc, "org1");
        org2 = OneConnectionDatabase.organization(jdbc, "org2");
        consortium = OneConnectionDatabase.consortium(jdbc, org1);
        repository = new ChannelRepository(jdbc);
        leader = new Caller(1, "alice", null, org1, OrganizationRole.ADMIN);

        ConsortiumService consortia = mock(ConsortiumService.class);
        when(consortia.get(consortium)).thenReturn(new Consortium(consortium, "c", SchemeChoice.ECDSA_P256, 1,
                "RAFT", "LOCAL", org1, ConsortiumStatus.RUNNING, 0));
        when(consortia.memberIds(consortium)).thenReturn(List.of(org1, org2));
        // the callers here are its leader's admins: they see the consortium
        when(consortia.requireVisible(any(), anyLong())).thenAnswer(call -> consortia.get(call.<Long>getArgument(1)));
        OrganizationService organizations = mock(OrganizationService.class);
        when(organizations.get(org1)).thenReturn(new Organization(org1, "org1", "Org 1", 0));
        when(organizations.get(org2)).thenReturn(new Organization(org2, "org2", "Org 2", 0));
        Nodes nodes = mock(Nodes.class);
        when(nodes.ofConsortium(consortium))
                .thenReturn(List.of(node(1, "c1-org1-0", org1), node(2, "c1-org2-0", org2)));
        CustodyService custody = mock(CustodyService.class);
        for (long org : List.of(org1, org2)) {
            CertificateAuthority ca = CertificateAuthority.create("org" + (org == org1 ? 1 : 2),
                    SignatureScheme.ECDSA_P256_SHA256, Duration.ofDays(1));
            when(custody.root(consortium, org)).thenReturn(ca.root());
            when(custody.tlsRoot(consortium, org)).thenReturn(ca.tlsRoot());
        }
        bootstrap = mock(ChannelBootstrap.class);
        service = new ChannelService(repository, consortia, organizations, nodes, custody, bootstrap,
                mock(ApplicationEventPublisher.class), mock(Deployers.class));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void a_failed_creation_is_retried_with_the_same_genesis_and_a_different_one_is_refused() {
        doThrow(new IllegalStateException("Node c1-org2-0 did not see a leader of channel trade within 60 s"))
                .doNothing().when(bootstrap).create(any(), any());
        PlatformException failed = catchThrowableOfType(PlatformException.class,
                () -> service.create(leader, consortium, "trade", List.of(org1, org2)));
        assertThat(failed.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(repository.byName(consortium, "trade").orElseThrow().status()).isEqualTo("FAILED");

        PlatformException other = catchThrowableOfType(PlatformException.class,
                () -> service.create(leader, consortium, "trade", List.of(org1)));
        assertThat(other.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(other.getMessage()).contains("same organisations");
        assertThat(repository.byName(consortium, "trade").orElseThrow().status()).isEqualTo("FAILED");

        ChannelRecord retried = service.create(leader, consortium, "trade", List.of(org2, org1));
        assertThat(retried.status()).isEqualTo("ACTIVE");
        ArgumentCaptor<ChannelConfig> sent = ArgumentCaptor.forClass(ChannelConfig.class);
        verify(bootstrap, times(2)).create(sent.capture(), any());
        assertThat(sent.getAllValues().get(1)).as("the same genesis, created-at time included")
                .isEqualTo(sent.getAllValues().get(0));

        PlatformException again = catchThrowableOfType(PlatformException.class,
                () -> service.create(leader, consortium, "trade", List.of(org1, org2)));
        assertThat(again.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getMessage()).contains("already exists");
    }

    /**
     * Found by a tester: the leader created a channel with an organisation while that organisation's
     * leave was being applied. The leave had read the channels when it started, so it never took the
     * organisation out of the new one but stopped its node: the channel kept the departed organisation
     * and one of its two voters, and stayed without a leader for good (every call a 503 "try again",
     * and no proposal could fix it, the organisation being no longer a member).
     */
    @Test
    void a_channel_is_not_created_with_an_organisation_whose_departure_is_under_way() {
        JdbcClient jdbc = JdbcClient.create(pool);
        jdbc.sql("insert into channel_proposals (consortium_id, channel_id, organization_id, kind, proposed_by, "
                        + "policy, status, created_at, decided_at) values (?, null, ?, 'LEAVE_CONSORTIUM', 'bob', "
                        + "'NONE', 'APPLYING', 0, 0)")
                .params(consortium, org2).update();
        long leave = jdbc.sql("select max(id) from channel_proposals").query(Long.class).single();

        PlatformException refused = catchThrowableOfType(PlatformException.class,
                () -> service.create(leader, consortium, "withc", List.of(org1, org2)));
        assertThat(refused).as("creating a channel with a leaving organisation").isNotNull();
        assertThat(refused.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getMessage()).contains("Organisation " + org2).contains("proposal " + leave)
                .contains("APPLYING");
        assertThat(repository.byName(consortium, "withc")).as("nothing recorded").isEmpty();
        verify(bootstrap, times(0)).create(any(), any());

        ChannelRecord without = service.create(leader, consortium, "solo", List.of(org1));
        assertThat(without.status()).as("a channel without it is created as before").isEqualTo("ACTIVE");

        jdbc.sql("update channel_proposals set status = 'APPLIED' where id = ?").param(leave).update();
        jdbc.sql("insert into channel_proposals (consortium_id, channel_id, organization_id, kind, proposed_by, "
                        + "policy, status, created_at, decided_at) values (?, null, ?, 'REMOVE_MEMBER', 'alice', "
                        + "'MAJORITY', 'APPROVED', 0, 0)")
                .params(consortium, org2).update();
        PlatformException removal = catchThrowableOfType(PlatformException.class,
                () -> service.create(leader, consortium, "withc", List.of(org1, org2)));
        assertThat(removal).as("creating a channel with an organisation being voted out").isNotNull();
        assertThat(removal.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(repository.byName(consortium, "withc")).isEmpty();
    }

    private NodeRecord node(long id, String nodeId, long organization) {
        return new NodeRecord(id, nodeId, consortium, organization, "127.0.0.1", 7000 + (int) id, 8000 + (int) id,
                9000 + (int) id, "/tmp/" + nodeId, "RUNNING", NodeStatus.RUNNING, null, 0, null, 0);
    }
}
