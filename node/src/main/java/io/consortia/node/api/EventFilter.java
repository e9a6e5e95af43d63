package io.consortia.node.api;

import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ContractEvent;
import io.consortia.protocol.v1.Event;
import io.consortia.protocol.v1.StreamEventsRequest;
import io.consortia.protocol.v1.TransactionPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which contract events a {@code StreamEvents} subscriber gets: those of one contract (or any) with
 * one of some names (or any). Applied on the node, so a subscriber to a rare event does not receive
 * every block to find it.
 */
final class EventFilter {
    /** Contract names are at most 64 characters (the registry's rule). */
    static final int MAX_CONTRACT = 64;
    static final int MAX_EVENT_NAMES = 64;
    static final int MAX_EVENT_NAME = 256;

    private final String contract;
    private final Set<String> names;

    private EventFilter(String contract, Set<String> names) {
        this.contract = contract;
        this.names = names;
    }

    /** The request's filter, or INVALID_ARGUMENT for one no event could match or that is oversized. */
    static EventFilter of(StreamEventsRequest request) {
        if (request.getContract().length() > MAX_CONTRACT) {
            throw Statuses.invalid("contract name is " + request.getContract().length() + " characters; at most " + MAX_CONTRACT);
        }
        if (request.getEventNamesCount() > MAX_EVENT_NAMES) {
            throw Statuses.invalid("event_names has " + request.getEventNamesCount() + " names; at most " + MAX_EVENT_NAMES);
        }
        for (String name : request.getEventNamesList()) {
            if (name.isEmpty() || name.length() > MAX_EVENT_NAME) {
                throw Statuses.invalid("event names are 1-" + MAX_EVENT_NAME + " characters; got one of " + name.length());
            }
        }
        return new EventFilter(request.getContract(), Set.copyOf(request.getEventNamesList()));
    }

    /** The block's matching events in block, transaction and event order. */
    List<ContractEvent> matching(Block block) {
        List<ContractEvent> out = new ArrayList<>();
        long number = block.getHeader().getNumber();
        for (int t = 0; t < block.getTransactionsCount(); t++) {
            BlockTransaction tx = block.getTransactions(t);
            if (tx.getEventsCount() == 0) {
                continue; // most transactions: skip parsing their payload
            }
            String emitter = contractOf(tx);
            if (!contract.isEmpty() && !contract.equals(emitter)) {
                continue;
            }
            for (int e = 0; e < tx.getEventsCount(); e++) {
                Event event = tx.getEvents(e);
                if (names.isEmpty() || names.contains(event.getName())) {
                    out.add(ContractEvent.newBuilder()
                            .setBlockNumber(number)
                            .setTransactionId(tx.getTransactionId())
                            .setTransactionIndex(t)
                            .setEventIndex(e)
                            .setContract(emitter)
                            .setName(event.getName())
                            .setPayload(event.getPayload())
                            .build());
                }
            }
        }
        return out;
    }

    /** Events are kept only for valid transactions, whose payload the node parsed to run them. */
    private static String contractOf(BlockTransaction tx) {
        try {
            return TransactionPayload.parseFrom(tx.getTransaction().getPayload()).getContract();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("transaction " + tx.getTransactionId() + " has events but no parsable payload", e);
        }
    }
}
