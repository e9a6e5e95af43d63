package io.consortia.sdk;

import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.ValidationCode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

final class ContractImpl implements Contract {
    private static final byte[][] NO_ARGS = new byte[0][];

    private final String name;
    private final ChannelImpl channel;

    ContractImpl(String name, ChannelImpl channel) {
        this.name = name;
        this.channel = channel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SubmitResult submit(String function) {
        return submit(function, NO_ARGS);
    }

    @Override
    public SubmitResult submit(String function, String... args) {
        return submit(function, utf8(args));
    }

    @Override
    public SubmitResult submit(String function, byte[]... args) {
        return carryingTheCertificateIfUnknown(function, args, channel::submit);
    }

    @Override
    public SubmittedTransaction submitAsync(String function) {
        return submitAsync(function, NO_ARGS);
    }

    @Override
    public SubmittedTransaction submitAsync(String function, String... args) {
        return submitAsync(function, utf8(args));
    }

    @Override
    public SubmittedTransaction submitAsync(String function, byte[]... args) {
        return carryingTheCertificateIfUnknown(function, args, channel::submitAsync);
    }

    /** Sends; if the node does not know the certificate's id yet, signs again carrying the certificate and resends once. */
    private <T> T carryingTheCertificateIfUnknown(String function, byte[][] args, Function<Transaction, T> send) {
        try {
            return send.apply(transaction(function, args));
        } catch (SubmitException e) {
            if (e.code() != ValidationCode.UNKNOWN_CERTIFICATE) {
                throw e;
            }
            // the node has not applied the block that registered the certificate: carry it this time
            return send.apply(channel.newTransaction(name, function, true, args));
        }
    }

    @Override
    public byte[] evaluate(String function) {
        return evaluate(function, NO_ARGS);
    }

    @Override
    public byte[] evaluate(String function, String... args) {
        return evaluate(function, utf8(args));
    }

    @Override
    public byte[] evaluate(String function, byte[]... args) {
        // evaluated, never stored: carrying the certificate costs nothing and any node can check it
        return channel.evaluate(channel.newTransaction(name, Objects.requireNonNull(function, "function"), true, args),
                name + "." + function);
    }

    private Transaction transaction(String function, byte[]... args) {
        Objects.requireNonNull(function, "function");
        return channel.newTransaction(name, function, args);
    }

    static byte[][] utf8(String... args) {
        Objects.requireNonNull(args, "args");
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = Objects.requireNonNull(args[i], "args[" + i + "]").getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}
