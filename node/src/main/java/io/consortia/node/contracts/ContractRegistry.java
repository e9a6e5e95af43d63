package io.consortia.node.contracts;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The contracts a channel can call, by name. Thread-safe. Every node of a channel must hold
 * the same contracts (the built-ins, plus deployments applied from the log), or their blocks
 * would differ.
 */
public final class ContractRegistry {
    private static final int MAX_NAME_LENGTH = 64;

    private final ConcurrentMap<String, Contract> contracts = new ConcurrentHashMap<>();

    /**
     * A registry with the built-in system contracts: {@code notarization}, {@code asset}, {@code token},
     * {@code nft} and {@code traceability}.
     */
    public static ContractRegistry builtIns() {
        ContractRegistry registry = new ContractRegistry();
        registry.register(new NotarizationContract());
        registry.register(new AssetTransferContract());
        registry.register(new TokenContract());
        registry.register(new NftContract());
        registry.register(new TraceabilityContract());
        return registry;
    }

    public Optional<Contract> find(String name) {
        return Optional.ofNullable(contracts.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * Adds a contract. Names are 1–64 characters of {@code [a-z0-9_.-]}, not starting with '_', so a name can never
     * contain the separator the node puts between it and the contract's keys.
     *
     * @throws IllegalArgumentException for a bad or already registered name
     */
    public ContractRegistry register(Contract contract) {
        Objects.requireNonNull(contract, "contract");
        String name = Objects.requireNonNull(contract.name(), "contract name");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || !name.matches("[a-z0-9_.-]+")) {
            throw new IllegalArgumentException("contract name must be 1-64 characters of [a-z0-9_.-]: '" + name + "'");
        }
        if (name.startsWith("_")) {
            // reserved for the node's own transactions, e.g. "_config" (configuration changes)
            throw new IllegalArgumentException("contract names starting with '_' are reserved: '" + name + "'");
        }
        if (contracts.putIfAbsent(name, contract) != null) {
            throw new IllegalArgumentException("a contract named " + name + " is already registered");
        }
        return this;
    }

    /** Registered names, sorted. */
    public List<String> names() {
        return contracts.keySet().stream().sorted().toList();
    }
}
