package io.consortia.node.governance;

import io.consortia.protocol.v1.TransactionPayload;

/** The configuration-change transaction: its reserved contract and function names. */
public final class ConfigTransactions {
    /** Reserved: {@code ContractRegistry} refuses contract names that start with '_'. */
    public static final String CONTRACT = "_config";
    public static final String FUNCTION = "update";

    private ConfigTransactions() {}

    public static boolean isConfigContract(String contract) {
        return CONTRACT.equals(contract);
    }

    public static boolean isConfigUpdate(TransactionPayload payload) {
        return payload != null && isConfigContract(payload.getContract());
    }
}
