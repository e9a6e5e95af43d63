package io.consortia.sdk;

import com.google.protobuf.ByteString;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.ChainInfo;
import io.consortia.protocol.v1.ChainInfoRequest;
import io.consortia.protocol.v1.ChannelConfigInfo;
import io.consortia.protocol.v1.ContractEvent;
import io.consortia.protocol.v1.GetChannelConfigRequest;
import io.consortia.protocol.v1.SignedConfigUpdate;
import io.consortia.protocol.v1.EvaluateRequest;
import io.consortia.protocol.v1.GetBlockByHashRequest;
import io.consortia.protocol.v1.GetBlockByNumberRequest;
import io.consortia.protocol.v1.GetTransactionRequest;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionServiceGrpc;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

final class ChannelImpl implements Channel {
    private final String name;
    private final GatewayContext context;
    private final Submitter submitter;

    ChannelImpl(String name, GatewayContext context) {
        this.name = name;
        this.context = context;
        this.submitter = new Submitter(this, context);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Contract contract(String contractName) {
        Objects.requireNonNull(contractName, "name");
        if (contractName.isBlank()) {
            throw new IllegalArgumentException("contract name must not be blank");
        }
        return new ContractImpl(contractName, this);
    }

    @Override
    public ChainInfo chainInfo() {
        return ledger("Chain info of channel " + name,
                stub -> stub.getChainInfo(ChainInfoRequest.newBuilder().setChannel(name).build()));
    }

    @Override
    public Block blockByNumber(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("number must not be negative but was " + number);
        }
        return ledger("Block " + number + " of channel " + name, stub -> stub.getBlockByNumber(
                GetBlockByNumberRequest.newBuilder().setChannel(name).setNumber(number).build()));
    }

    @Override
    public Block blockByHash(byte[] hash) {
        Objects.requireNonNull(hash, "hash");
        ByteString bytes = ByteString.copyFrom(hash);
        return ledger("Block by hash of channel " + name, stub -> stub.getBlockByHash(
                GetBlockByHashRequest.newBuilder().setChannel(name).setHash(bytes).build()));
    }

    @Override
    public TransactionInfo transaction(String transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        return ledger("Transaction " + transactionId + " of channel " + name, stub -> stub.getTransaction(
                GetTransactionRequest.newBuilder().setChannel(name).setTransactionId(transactionId).build()));
    }

    @Override
    public Subscription subscribeBlocks(long fromNumber, Consumer<Block> consumer,
            Consumer<GatewayException> onError) {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(onError, "onError");
        if (fromNumber < 0) {
            throw new IllegalArgumentException("fromNumber must not be negative but was " + fromNumber);
        }
        context.requireOpen();
        BlockSubscription subscription = new BlockSubscription(name, fromNumber, consumer, onError, context);
        subscription.start();
        return subscription;
    }

    @Override
    public Subscription subscribeEvents(EventFilter filter, long fromBlock, Consumer<ContractEvent> consumer,
            Consumer<GatewayException> onError) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(onError, "onError");
        if (fromBlock < 0) {
            throw new IllegalArgumentException("fromBlock must not be negative but was " + fromBlock);
        }
        context.requireOpen();
        EventSubscription subscription = new EventSubscription(name, filter, fromBlock, consumer, onError, context);
        subscription.start();
        return subscription;
    }

    @Override
    public Transaction newTransaction(String contract, String function) {
        return newTransaction(contract, function, new byte[0][]);
    }

    @Override
    public Transaction newTransaction(String contract, String function, String... args) {
        return newTransaction(contract, function, ContractImpl.utf8(args));
    }

    @Override
    public Transaction newTransaction(String contract, String function, byte[]... args) {
        return newTransaction(contract, function, false, args);
    }

    /** With {@code carryCertificate}, the creator carries the certificate even where its id is registered. */
    Transaction newTransaction(String contract, String function, boolean carryCertificate, byte[]... args) {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(args, "args");
        List<ByteString> bytes = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            bytes.add(ByteString.copyFrom(Objects.requireNonNull(args[i], "args[" + i + "]")));
        }
        return carryCertificate ? context.signer().sign(name, contract, function, bytes, true)
                : context.signer().sign(name, contract, function, bytes);
    }

    @Override
    public String transactionId(Transaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        return context.signer().transactionId(transaction);
    }

    @Override
    public SubmitResult submit(Transaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        return submitter.submit(transaction);
    }

    @Override
    public SubmittedTransaction submitAsync(Transaction transaction) {
        Objects.requireNonNull(transaction, "transaction");
        return submitter.submitAsync(transaction);
    }

    @Override
    public List<SubmitResponse> submitAll(List<Transaction> transactions, boolean waitForCommit) {
        Objects.requireNonNull(transactions, "transactions");
        transactions.forEach(t -> Objects.requireNonNull(t, "transactions element"));
        return submitter.submitAll(transactions, waitForCommit);
    }

    @Override
    public ChannelConfigInfo config() {
        return ledger("Configuration of channel " + name, stub -> stub.getChannelConfig(
                GetChannelConfigRequest.newBuilder().setChannel(name).build()));
    }

    @Override
    public ChannelConfigInfo config(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("configuration versions start at 1, not " + version);
        }
        return ledger("Configuration version " + version + " of channel " + name, stub -> stub.getChannelConfig(
                GetChannelConfigRequest.newBuilder().setChannel(name).setVersion(version).build()));
    }

    @Override
    public SubmitResponse submitConfigUpdate(SignedConfigUpdate update) {
        Objects.requireNonNull(update, "update");
        Transaction tx = newTransaction(CONFIG_CONTRACT, CONFIG_FUNCTION, update.toByteArray());
        return submitter.submitAll(List.of(tx), true).get(0);
    }

    /** The node's configuration-change transaction (docs/protocol.md, "Configuration changes"). */
    static final String CONFIG_CONTRACT = "_config";
    static final String CONFIG_FUNCTION = "update";

    byte[] evaluate(Transaction transaction, String what) {
        context.requireOpen();
        EvaluateRequest request = EvaluateRequest.newBuilder().setTransaction(transaction).build();
        try {
            return context.endpoints().call(channel -> TransactionServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(context.requestTimeoutMillis(), TimeUnit.MILLISECONDS)
                    .evaluate(request)).getResult().toByteArray();
        } catch (StatusRuntimeException e) {
            throw GatewayException.of("Evaluate of " + what + " on channel " + name, e);
        }
    }

    private <T> T ledger(String what, Function<LedgerServiceGrpc.LedgerServiceBlockingStub, T> call) {
        context.requireOpen();
        try {
            return context.endpoints().call(channel -> call.apply(LedgerServiceGrpc.newBlockingStub(channel)
                    .withMaxInboundMessageSize(ConnectionSettings.MAX_INBOUND_MESSAGE_BYTES)
                    .withDeadlineAfter(context.requestTimeoutMillis(), TimeUnit.MILLISECONDS)));
        } catch (StatusRuntimeException e) {
            throw GatewayException.of(what, e);
        }
    }
}
