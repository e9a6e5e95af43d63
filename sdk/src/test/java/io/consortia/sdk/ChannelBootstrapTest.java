package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ChannelResponse;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.NodeStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChannelBootstrapTest {
    private static final ChannelConfig CONFIG = ChannelConfig.newBuilder().setName("main").build();

    @Test
    void every_node_is_asked_at_once_and_the_leader_they_all_see_is_returned() {
        // each node's create returns only once all three were asked, as a Raft group forms only with a majority
        CountDownLatch allAsked = new CountDownLatch(3);
        Map<String, AdminClient> admins = new LinkedHashMap<>();
        for (String id : new String[] {"n1", "n2", "n3"}) {
            admins.put(id, new FakeNode(allAsked, 2, "n2"));
        }

        String leader = ChannelBootstrap.create(CONFIG, admins, Duration.ofSeconds(60));

        assertThat(leader).isEqualTo("n2");
        assertThat(admins.values()).allSatisfy(a -> assertThat(((FakeNode) a).created).isTrue());
    }

    @Test
    void more_nodes_than_the_common_pool_has_threads_are_all_asked_at_once() {
        // each create returns only once every node was asked: with the calls on the common pool
        // (cores - 1 threads, where the JVM has 3 or more cores) the ones queued behind never started
        int nodes = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 2;
        CountDownLatch allAsked = new CountDownLatch(nodes);
        Map<String, AdminClient> admins = new LinkedHashMap<>();
        for (int i = 0; i < nodes; i++) {
            admins.put("n" + i, new FakeNode(allAsked, 0, "n0"));
        }

        assertThat(ChannelBootstrap.create(CONFIG, admins, Duration.ofSeconds(60))).isEqualTo("n0");
        assertThat(admins.values()).allSatisfy(a -> assertThat(((FakeNode) a).created).isTrue());
    }

    @Test
    void a_node_that_never_sees_a_leader_is_named_when_the_wait_ends() {
        Map<String, AdminClient> admins = new LinkedHashMap<>();
        admins.put("n1", new FakeNode(new CountDownLatch(0), 0, "n1"));
        admins.put("n2", new FakeNode(new CountDownLatch(0), Integer.MAX_VALUE, ""));

        assertThatThrownBy(() -> ChannelBootstrap.create(CONFIG, admins, Duration.ofMillis(500)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Node n2 did not see a leader of channel main within 0.5 s");
    }

    @Test
    void a_node_that_stays_below_the_height_is_named_with_where_it_last_stood() {
        Map<String, AdminClient> stuck = new LinkedHashMap<>();
        stuck.put("n1", new FakeNode(new CountDownLatch(0), 0, "n3") {
            @Override
            public NodeStatus status() {
                return NodeStatus.newBuilder().addChannels(ChannelStatus.newBuilder().setName("main").setHeight(1203)
                        .setRaftRole("FOLLOWER").setRaftLeader("n3").setRaftTerm(4)).build();
            }
        });
        Map<String, AdminClient> down = new LinkedHashMap<>();
        down.put("n2", new FakeNode(new CountDownLatch(0), 0, "") {
            @Override
            public NodeStatus status() {
                throw new GatewayException("status failed: UNAVAILABLE: io exception");
            }
        });

        assertThatThrownBy(() -> ChannelBootstrap.awaitHeight("main", 1240, stuck, Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Node n1 did not reach height 1240 of channel main within 0.3 s; it last answered:"
                        + " height 1203, FOLLOWER, leader n3, term 4");
        assertThatThrownBy(() -> ChannelBootstrap.awaitHeight("main", 1240, down, Duration.ofMillis(300)))
                .hasMessage("Node n2 did not reach height 1240 of channel main within 0.3 s; it last failed to answer:"
                        + " status failed: UNAVAILABLE: io exception");
    }

    @Test
    void a_refusal_of_one_node_is_thrown_as_it_came() {
        Map<String, AdminClient> admins = new LinkedHashMap<>();
        admins.put("n1", new FakeNode(new CountDownLatch(0), 0, "n1"));
        admins.put("n2", new FakeNode(new CountDownLatch(0), 0, "n1") {
            @Override
            public ChannelResponse createChannel(ChannelConfig config) {
                throw new GatewayException("create channel failed: ALREADY_EXISTS");
            }
        });

        assertThatThrownBy(() -> ChannelBootstrap.create(CONFIG, admins, Duration.ofSeconds(60)))
                .isInstanceOf(GatewayException.class).hasMessageContaining("ALREADY_EXISTS");
    }

    /** Answers status with the channel and no leader {@code blindStatuses} times (the first failing), then the leader. */
    private static class FakeNode implements AdminClient {
        private final CountDownLatch allAsked;
        private final int blindStatuses;
        private final String leader;
        private final AtomicInteger statuses = new AtomicInteger();
        volatile boolean created;

        FakeNode(CountDownLatch allAsked, int blindStatuses, String leader) {
            this.allAsked = allAsked;
            this.blindStatuses = blindStatuses;
            this.leader = leader;
        }

        @Override
        public ChannelResponse createChannel(ChannelConfig config) {
            allAsked.countDown();
            try {
                if (!allAsked.await(60, TimeUnit.SECONDS)) {
                    throw new GatewayException("the others were not asked at the same time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GatewayException("interrupted");
            }
            created = true;
            return ChannelResponse.getDefaultInstance();
        }

        @Override
        public ChannelResponse joinChannel(ChannelConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.consortia.protocol.v1.ReloadCredentialsResponse reloadCredentials() {
            throw new UnsupportedOperationException();
        }

        @Override
        public NodeStatus status() {
            int n = statuses.incrementAndGet();
            if (n == 1 && blindStatuses > 0) {
                throw new GatewayException("status failed: UNAVAILABLE"); // not answering yet
            }
            return NodeStatus.newBuilder().addChannels(ChannelStatus.newBuilder().setName("main")
                    .setRaftLeader(n <= blindStatuses ? "" : leader)).build();
        }

        @Override
        public void close() {}
    }
}
