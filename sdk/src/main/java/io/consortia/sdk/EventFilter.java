package io.consortia.sdk;

import java.util.List;
import java.util.Objects;

/**
 * Which contract events a subscription receives ({@link Channel#subscribeEvents}); applied by the
 * node, so only matching events travel. Immutable.
 *
 * <pre>{@code
 * EventFilter.all();                                             // every event of every contract
 * EventFilter.contract("nft");                                   // every event of contract nft
 * EventFilter.contract("nft").names("nft.minted", "nft.transferred");
 * }</pre>
 */
public final class EventFilter {
    private final String contract;
    private final List<String> eventNames;

    private EventFilter(String contract, List<String> eventNames) {
        this.contract = contract;
        this.eventNames = eventNames;
    }

    /** Every event of every contract. */
    public static EventFilter all() {
        return new EventFilter("", List.of());
    }

    /** Every event of one contract. */
    public static EventFilter contract(String contract) {
        Objects.requireNonNull(contract, "contract");
        if (contract.isBlank()) {
            throw new IllegalArgumentException("contract must not be blank; use EventFilter.all() for every contract");
        }
        return new EventFilter(contract, List.of());
    }

    /** This filter's contract (or every contract), only events with one of these names. */
    public EventFilter names(String... names) {
        Objects.requireNonNull(names, "names");
        for (String name : names) {
            if (Objects.requireNonNull(name, "event name").isEmpty()) {
                throw new IllegalArgumentException("event names must not be empty");
            }
        }
        return new EventFilter(contract, List.of(names));
    }

    /** The contract, empty for every contract. */
    public String contract() {
        return contract;
    }

    /** The event names, empty for every name. */
    public List<String> eventNames() {
        return eventNames;
    }

    @Override
    public String toString() {
        return "EventFilter[contract=" + (contract.isEmpty() ? "*" : contract) + ", names="
                + (eventNames.isEmpty() ? "*" : eventNames) + "]";
    }
}
