package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.consortia.protocol.v1.SubmitBatchRequest;
import io.consortia.protocol.v1.SubmitBatchResponse;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubmitCoalescerTest {
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<Integer> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void a_lone_submission_goes_out_at_once_in_a_call_of_its_own() {
        SubmitCoalescer coalescer = new SubmitCoalescer(1, true, answering(request -> {}));

        List<SubmitResponse> answers = coalescer.submit(List.of(tx("a")));

        assertThat(answers).extracting(SubmitResponse::getTransactionId).containsExactly("a");
        assertThat(calls).containsExactly(1);
        assertThat(coalescer.callsInFlight()).isZero();
    }

    @Test
    void submissions_made_while_every_call_is_taken_go_together_in_the_next_call_each_with_its_own_answers()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SubmitCoalescer coalescer = new SubmitCoalescer(1, true, answering(request -> {
            if (calls.size() == 1) {
                awaitQuietly(release); // the first call stays on its way until ten more have queued
            }
        }));
        Future<List<SubmitResponse>> first = callers.submit(() -> coalescer.submit(List.of(tx("first"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> coalescer.callsInFlight() == 1 && calls.size() == 1);
        List<Future<List<SubmitResponse>>> later = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "later-" + i;
            later.add(callers.submit(() -> coalescer.submit(List.of(tx(id), tx(id + "-b")))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> coalescer.queued() == 10);

        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).extracting(SubmitResponse::getTransactionId)
                .containsExactly("first");
        for (int i = 0; i < 10; i++) {
            assertThat(later.get(i).get(30, TimeUnit.SECONDS)).extracting(SubmitResponse::getTransactionId)
                    .containsExactly("later-" + i, "later-" + i + "-b");
        }
        assertThat(calls).containsExactly(1, 20);
        assertThat(coalescer.callsInFlight()).isZero();
    }

    @Test
    void an_error_of_the_shared_call_is_every_merged_callers_error_and_the_next_call_goes_out() throws Exception {
        Merged merged = secondCallFails(Status.UNAVAILABLE.withDescription("node gone").asRuntimeException());

        for (Future<List<SubmitResponse>> caller : merged.callers()) {
            assertThatThrownBy(() -> caller.get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getDescription()).isEqualTo("node gone"));
        }
        assertTheNextCallGoesOut(merged.coalescer());
    }

    @Test
    void an_error_thrown_by_the_shared_call_reaches_every_merged_caller_and_the_next_call_goes_out()
            throws Exception {
        AssertionError broken = new AssertionError("interceptor broke");
        Merged merged = secondCallFails(broken);

        // The thread that sent the merged call rethrows the Error; the other gets it as the cause
        // of a GatewayException. Neither stays parked.
        List<Throwable> failures = new ArrayList<>();
        for (Future<List<SubmitResponse>> caller : merged.callers()) {
            ExecutionException failure = catchThrowableOfType(
                    ExecutionException.class, () -> caller.get(30, TimeUnit.SECONDS));
            assertThat(failure).as("a merged caller's outcome").isNotNull();
            failures.add(failure.getCause());
        }
        assertThat(failures).filteredOn(t -> t == broken).hasSize(1);
        assertThat(failures).filteredOn(GatewayException.class::isInstance).singleElement()
                .satisfies(e -> assertThat(e.getCause()).isSameAs(broken));
        assertTheNextCallGoesOut(merged.coalescer());
    }

    /** Two callers merged into one call, and the coalescer they used. */
    private record Merged(SubmitCoalescer coalescer, List<Future<List<SubmitResponse>>> callers) {}

    /**
     * A first call is held on its way until two more callers have queued behind it; then it
     * returns, and the call that merges the two throws {@code failure} (unchecked: a
     * RuntimeException or an Error).
     */
    private Merged secondCallFails(Throwable failure) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger number = new AtomicInteger();
        SubmitCoalescer coalescer = new SubmitCoalescer(1, true, request -> {
            int n = number.incrementAndGet();
            if (n == 1) {
                awaitQuietly(release);
            }
            calls.add(request.getTransactionsCount());
            if (n == 2) {
                if (failure instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) failure;
            }
            return answer(request);
        });
        Future<List<SubmitResponse>> first = callers.submit(() -> coalescer.submit(List.of(tx("first"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> number.get() == 1);
        Future<List<SubmitResponse>> a = callers.submit(() -> coalescer.submit(List.of(tx("a"))));
        Future<List<SubmitResponse>> b = callers.submit(() -> coalescer.submit(List.of(tx("b"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> coalescer.queued() == 2);

        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(1);
        return new Merged(coalescer, List.of(a, b));
    }

    private void assertTheNextCallGoesOut(SubmitCoalescer coalescer) {
        assertThat(coalescer.submit(List.of(tx("after")))).extracting(SubmitResponse::getTransactionId)
                .containsExactly("after");
        assertThat(calls).containsExactly(1, 2, 1);
        assertThat(coalescer.callsInFlight()).isZero();
    }

    @Test
    void a_merged_call_never_exceeds_one_batchs_worth_of_transactions() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SubmitCoalescer coalescer = new SubmitCoalescer(1, false, answering(request -> {
            if (calls.size() == 1) {
                awaitQuietly(release);
            }
        }));
        Future<List<SubmitResponse>> first = callers.submit(() -> coalescer.submit(List.of(tx("first"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() == 1);
        int large = Submitter.MAX_BATCH_TRANSACTIONS - 500;
        List<Future<List<SubmitResponse>>> later = new ArrayList<>();
        for (String name : List.of("x", "y")) {
            List<Transaction> txs = IntStream.range(0, large).mapToObj(i -> tx(name + i)).toList();
            later.add(callers.submit(() -> coalescer.submit(txs)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> coalescer.queued() == 2);

        release.countDown();

        first.get(30, TimeUnit.SECONDS);
        for (Future<List<SubmitResponse>> f : later) {
            assertThat(f.get(30, TimeUnit.SECONDS)).hasSize(large);
        }
        assertThat(calls).containsExactly(1, large, large);
    }

    @Test
    void many_threads_get_their_own_answers_within_the_limit_of_calls_and_leave_no_slot_taken() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        SubmitCoalescer coalescer = new SubmitCoalescer(3, true, answering(request -> {
            most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            Thread.yield();
            concurrent.decrementAndGet();
        }));
        List<CompletableFuture<Void>> threads = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            int thread = t;
            threads.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 200; i++) {
                    String id = thread + "-" + i;
                    assertThat(coalescer.submit(List.of(tx(id)))).extracting(SubmitResponse::getTransactionId)
                            .containsExactly(id);
                }
            }, callers));
        }

        CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        assertThat(calls.stream().mapToInt(Integer::intValue).sum()).isEqualTo(32 * 200);
        assertThat(most.get()).isBetween(1, 3);
        assertThat(coalescer.callsInFlight()).isZero();
        assertThat(coalescer.queued()).isZero();
    }

    /** A node that answers every transaction as committed, with the payload as its id. */
    private Function<SubmitBatchRequest, SubmitBatchResponse> answering(java.util.function.Consumer<SubmitBatchRequest> before) {
        return request -> {
            calls.add(request.getTransactionsCount());
            before.accept(request);
            return answer(request);
        };
    }

    private static SubmitBatchResponse answer(SubmitBatchRequest request) {
        SubmitBatchResponse.Builder answer = SubmitBatchResponse.newBuilder();
        for (Transaction t : request.getTransactionsList()) {
            answer.addResponses(SubmitResponse.newBuilder().setTransactionId(t.getPayload().toStringUtf8())
                    .setStatus(TransactionStatus.COMMITTED));
        }
        return answer.build();
    }

    private static Transaction tx(String id) {
        return Transaction.newBuilder().setPayload(ByteString.copyFromUtf8(id)).build();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
