package io.consortia.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.SignatureScheme;
import io.consortia.platform.MutableClock;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.sdk.Channel;
import io.consortia.sdk.Gateway;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.Identity;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GatewayPoolTest {
    private static Identity alice;
    private static Identity bob;
    private static final List<NodeRecord> NODES = List.of(node(7051), node(7052));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T00:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<FakeGateway> openedGateways = new ArrayList<>();

    @BeforeAll
    static void identities() {
        CertificateAuthority ca = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256, Duration.ofDays(1));
        IssuedCredential a = ca.issue(CertificateRole.USER, "alice", Duration.ofDays(1));
        IssuedCredential b = ca.issue(CertificateRole.USER, "bob", Duration.ofDays(1));
        alice = Identity.of("org1", a.certificate(), a.privateKey());
        bob = Identity.of("org1", b.certificate(), b.privateKey());
    }

    private GatewayPool pool(int max) {
        return new GatewayPool(max, Duration.ofMinutes(5), clock, meters);
    }

    private FakeGateway open() {
        FakeGateway gateway = new FakeGateway();
        openedGateways.add(gateway);
        return gateway;
    }

    @Test
    void calls_with_the_same_signer_and_nodes_share_one_gateway_and_leases_do_not_close_it() {
        GatewayPool pool = pool(8);
        Gateway first;
        try (GatewayPool.Lease lease = pool.lease(1, 1, alice, NODES, this::open)) {
            first = lease.gateway();
        }
        try (GatewayPool.Lease lease = pool.lease(1, 1, alice, NODES, this::open)) {
            assertThat(lease.gateway()).isSameAs(first);
        }
        assertThat(openedGateways).hasSize(1);
        assertThat(openedGateways.get(0).closed).isFalse();
        assertThat(pool.size()).isEqualTo(1);
        assertThat(pool.opened()).isEqualTo(1);
        assertThat(meters.get("consortia.platform.gateways.open").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("consortia.platform.gateways.opened").functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void another_signer_consortium_or_node_list_gets_its_own_gateway() {
        GatewayPool pool = pool(8);
        pool.lease(1, 1, alice, NODES, this::open).close();
        pool.lease(1, 1, bob, NODES, this::open).close();
        pool.lease(2, 1, alice, NODES, this::open).close();
        pool.lease(1, 1, alice, List.of(NODES.get(1), NODES.get(0)), this::open).close();
        pool.lease(1, 1, alice, NODES, this::open).close();
        assertThat(openedGateways).hasSize(4);
        assertThat(pool.size()).isEqualTo(4);
    }

    @Test
    void a_gateway_idle_past_the_timeout_is_closed_and_a_busy_one_is_not() {
        GatewayPool pool = pool(8);
        pool.lease(1, 1, alice, NODES, this::open).close();
        GatewayPool.Lease held = pool.lease(1, 1, bob, NODES, this::open);
        clock.advance(Duration.ofMinutes(6));
        pool.evictIdle();
        assertThat(openedGateways.get(0).closed).isTrue();
        assertThat(openedGateways.get(1).closed).isFalse();
        assertThat(pool.size()).isEqualTo(1);
        held.close();
        clock.advance(Duration.ofMinutes(4));
        pool.evictIdle();
        assertThat(openedGateways.get(1).closed).as("idle only 4 minutes since its lease ended").isFalse();
    }

    @Test
    void beyond_the_maximum_the_least_recently_used_is_closed_once_its_lease_ends() {
        GatewayPool pool = pool(1);
        GatewayPool.Lease aliceLease = pool.lease(1, 1, alice, NODES, this::open);
        pool.lease(1, 1, bob, NODES, this::open).close();
        assertThat(pool.size()).isEqualTo(1);
        assertThat(openedGateways.get(0).closed).as("still in use by a call").isFalse();
        aliceLease.close();
        aliceLease.close(); // twice is harmless
        assertThat(openedGateways.get(0).closed).isTrue();
        assertThat(openedGateways.get(1).closed).isFalse();
    }

    @Test
    void an_invalidated_gateway_is_closed_when_its_last_lease_ends_and_the_next_call_opens_a_new_one() {
        GatewayPool pool = pool(8);
        GatewayPool.Lease other = pool.lease(1, 1, alice, NODES, this::open);
        try (GatewayPool.Lease failed = pool.lease(1, 1, alice, NODES, this::open)) {
            assertThatThrownBy(() -> failed.call(g -> {
                throw new GatewayException("no node answered", Status.UNAVAILABLE.asRuntimeException());
            })).isInstanceOf(GatewayException.class);
        }
        assertThat(openedGateways.get(0).closed).as("another call still uses it").isFalse();
        other.close();
        assertThat(openedGateways.get(0).closed).isTrue();
        try (GatewayPool.Lease next = pool.lease(1, 1, alice, NODES, this::open)) {
            assertThat(next.gateway()).isSameAs(openedGateways.get(1));
        }
        assertThat(pool.size()).isEqualTo(1);
    }

    @Test
    void when_two_calls_open_the_same_gateway_at_once_one_is_kept_and_the_other_closed() {
        GatewayPool pool = pool(8);
        List<GatewayPool.Lease> meanwhile = new ArrayList<>();
        GatewayPool.Lease first = pool.lease(1, 1, alice, NODES, () -> {
            FakeGateway mine = open();
            // another call for the same gateway arrives while this one is still opening
            meanwhile.add(pool.lease(1, 1, alice, NODES, this::open));
            return mine;
        });
        assertThat(first.gateway()).isSameAs(meanwhile.get(0).gateway()).isSameAs(openedGateways.get(1));
        assertThat(openedGateways.get(0).closed).as("the surplus one").isTrue();
        assertThat(openedGateways.get(1).closed).isFalse();
        assertThat(pool.size()).isEqualTo(1);
        assertThat(pool.opened()).isEqualTo(1);
    }

    @Test
    void a_node_s_own_answer_keeps_the_gateway_in_the_pool() {
        GatewayPool pool = pool(8);
        try (GatewayPool.Lease lease = pool.lease(1, 1, alice, NODES, this::open)) {
            assertThatThrownBy(() -> lease.call(g -> {
                throw new GatewayException("no such transaction", Status.NOT_FOUND.asRuntimeException());
            })).isInstanceOf(GatewayException.class);
            Gateway same = lease.call(g -> g);
            assertThat(same).isSameAs(openedGateways.get(0));
        }
        assertThat(openedGateways.get(0).closed).isFalse();
        assertThat(pool.size()).isEqualTo(1);
    }

    @Test
    void closing_the_pool_closes_every_gateway_and_refuses_new_leases() {
        GatewayPool pool = pool(8);
        pool.lease(1, 1, alice, NODES, this::open).close();
        pool.lease(1, 1, bob, NODES, this::open).close();
        pool.close();
        assertThat(openedGateways).allMatch(g -> g.closed);
        assertThatThrownBy(() -> pool.lease(1, 1, alice, NODES, this::open))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new GatewayPool(0, Duration.ofMinutes(1), clock, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static NodeRecord node(int port) {
        return new NodeRecord(port, "n" + port, 1, 1, "127.0.0.1", port, port + 1000, port + 2000, "/tmp",
                "RUNNING", NodeStatus.values()[0], null, 0, null, 0);
    }

    private static final class FakeGateway implements Gateway {
        boolean closed;

        @Override
        public Identity identity() {
            return alice;
        }

        @Override
        public Channel channel(String name) {
            throw new UnsupportedOperationException("not used by the pool");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
