package io.consortia.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.protocol.v1.AdminServiceGrpc;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.PeerServiceGrpc;
import io.consortia.protocol.v1.TransactionServiceGrpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API server's executor is direct, so the supplier decides where every call runs: a null
 * answer would run the call on a Netty event loop.
 */
class SubmitExecutorTest {
    private final SubmitExecutor executors = new SubmitExecutor(2);

    @AfterEach
    void close() {
        executors.close();
    }

    @Test
    void submissionsRunOnTheSubmitThreads() throws Exception {
        assertThat(threadOf(TransactionServiceGrpc.getSubmitMethod())).startsWith("submit");
        assertThat(threadOf(TransactionServiceGrpc.getSubmitBatchMethod())).startsWith("submit");
    }

    @Test
    void everyOtherMethodOfEveryServiceRunsOnAPoolThreadNeverOnTheCaller() throws Exception {
        List<MethodDescriptor<?, ?>> others = new ArrayList<>();
        Stream.of(TransactionServiceGrpc.getServiceDescriptor(), LedgerServiceGrpc.getServiceDescriptor(),
                        AdminServiceGrpc.getServiceDescriptor(), PeerServiceGrpc.getServiceDescriptor())
                .map(ServiceDescriptor::getMethods).forEach(others::addAll);
        List<String> submissions = List.of(TransactionServiceGrpc.getSubmitMethod().getFullMethodName(),
                TransactionServiceGrpc.getSubmitBatchMethod().getFullMethodName());
        others.removeIf(m -> submissions.contains(m.getFullMethodName()));
        assertThat(others).hasSizeGreaterThan(10);
        for (MethodDescriptor<?, ?> method : others) {
            assertThat(threadOf(method)).as(method.getFullMethodName()).startsWith("api-call");
        }
    }

    private <Q, R> String threadOf(MethodDescriptor<Q, R> method) throws Exception {
        Executor executor = executors.getExecutor(new CallOf<>(method), new Metadata());
        assertThat(executor).as(method.getFullMethodName()).isNotNull();
        CompletableFuture<String> thread = new CompletableFuture<>();
        executor.execute(() -> thread.complete(Thread.currentThread().getName()));
        return thread.get(30, TimeUnit.SECONDS);
    }

    /** A call that only names its method: all the supplier looks at. */
    private static final class CallOf<Q, R> extends ServerCall<Q, R> {
        private final MethodDescriptor<Q, R> method;

        CallOf(MethodDescriptor<Q, R> method) {
            this.method = method;
        }

        @Override
        public MethodDescriptor<Q, R> getMethodDescriptor() {
            return method;
        }

        @Override
        public void request(int numMessages) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendHeaders(Metadata headers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendMessage(R message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close(Status status, Metadata trailers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
