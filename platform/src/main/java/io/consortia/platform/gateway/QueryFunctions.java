package io.consortia.platform.gateway;

import io.consortia.node.contracts.ContractRegistry;

/**
 * The read-only functions of the built-in contracts, as the nodes define them. Submitted as a
 * transaction, such a function runs read-only in a block: it is committed VALID and changes
 * nothing, so a key that may only read would still add blocks to the ledger. The gateway evaluates
 * them and never submits them. A user (Wasm) contract's functions are not known to the platform.
 */
final class QueryFunctions {
    private static final ContractRegistry BUILT_INS = ContractRegistry.builtIns();

    private QueryFunctions() {}

    static boolean isQuery(String contract, String function) {
        return BUILT_INS.find(contract).map(c -> c.hasFunction(function) && c.isReadOnly(function)).orElse(false);
    }
}
