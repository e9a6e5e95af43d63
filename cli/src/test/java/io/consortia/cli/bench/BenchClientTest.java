package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consortia.common.DaemonThreads;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BenchClientTest {
    private static final long MILLI = 1_000_000L;

    /**
     * Coordinated omission: at a fixed rate a client whose calls are all outstanding stops
     * sending; the calls it sends once answers come were due long before. Their latency must
     * count from when they were due, or the report hides the stall.
     */
    @Test
    void at_a_fixed_rate_calls_sent_late_count_the_time_since_they_were_due() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        Channel channel = stalledUntil(stalled);
        long first = System.nanoTime();
        Recorder recorder = new Recorder(first, first + TimeUnit.HOURS.toNanos(1), 1);
        ExecutorService senders = Executors.newCachedThreadPool(DaemonThreads.named("test-sender"));
        BenchClient client = new BenchClient(channel, count -> Collections.nCopies(count,
                Transaction.getDefaultInstance()), recorder, 0, 1, MILLI, first, first + TimeUnit.HOURS.toNanos(1),
                senders);
        Thread thread = DaemonThreads.start("test-client", client);
        try {
            // every call it may have outstanding is stalled: the client waits, its schedule runs on
            await().atMost(Duration.ofSeconds(60)).until(() -> recorder.calls.sum() == BenchClient.MAX_OUTSTANDING);
            long full = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> System.nanoTime() - full >= 300 * MILLI);
            stalled.countDown();
            int caughtUp = 150; // calls due during the stall, sent at once after it
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> recorder.committed.sum() >= BenchClient.MAX_OUTSTANDING + caughtUp);
        } finally {
            thread.interrupt();
            senders.shutdownNow();
        }

        // the stalled calls waited >= 300 ms; so did the ones due during the stall, sent late
        long slow = recorder.latency.countAtLeast(100_000);
        assertThat(slow).as("calls of 100 ms or more among %d", recorder.latency.count())
                .isGreaterThanOrEqualTo(BenchClient.MAX_OUTSTANDING + 100);
    }

    /** A channel whose calls wait for {@code stalled}, then commit every transaction. */
    private static Channel stalledUntil(CountDownLatch stalled) {
        return (Channel) Proxy.newProxyInstance(Channel.class.getClassLoader(), new Class<?>[] {Channel.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("submitAll")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    stalled.await();
                    List<?> transactions = (List<?>) args[0];
                    return Collections.nCopies(transactions.size(), SubmitResponse.newBuilder()
                            .setStatus(TransactionStatus.COMMITTED).setCode(ValidationCode.VALID).build());
                });
    }
}
