package io.consortia.platform.gateway;

import io.consortia.node.contracts.ContractRegistry;

/**
 * The read-only functions of the built-in contracts, as the nodes define them. Submitted as a
 * transaction, such a function runs read-only in a block: it is committed VALID and changes
 * nothing, so a key that may only read would still add blocks to the ledger. The gateway evaluates
 * them and never submits them. A user (Wasm) contract's queries are those its manifest declares
 * ({@code query: true}), asked of the code in force once the channel is open (GatewayService).
 */
final class QueryFunctions {
    private static final ContractRegistry BUILT_INS = ContractRegistry.builtIns();

    private QueryFunctions() {}

    static boolean isQuery(String contract, String function) {
        return BUILT_INS.find(contract).map(c -> c.hasFunction(function) && c.isReadOnly(function)).orElse(false);
    }

    static boolean isBuiltIn(String contract) {
        return BUILT_INS.find(contract).isPresent();
    }
}
