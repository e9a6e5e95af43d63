package io.consortia.sdk;

import io.consortia.crypto.SignatureScheme;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** A real gRPC server in this JVM with the fake services of one channel, and a channel to it. */
final class FakeNode implements AutoCloseable {
    static final String CHANNEL = "main";

    final FakeLedgerService ledger;
    final FakeTransactionService transactions;
    final Server server;
    final ManagedChannel channel;

    private FakeNode(SignatureScheme scheme) {
        ledger = new FakeLedgerService(scheme.hash(), CHANNEL);
        transactions = new FakeTransactionService(scheme, ledger);
        String name = InProcessServerBuilder.generateName();
        try {
            server = InProcessServerBuilder.forName(name)
                    .addService(ledger)
                    .addService(transactions)
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        channel = InProcessChannelBuilder.forName(name).build();
    }

    static FakeNode start(SignatureScheme scheme) {
        return new FakeNode(scheme);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
