/**
 * Contracts and the built-in system contracts. A {@link io.consortia.node.contracts.Contract}
 * sees its transaction and its own namespace of the world state through a
 * {@link io.consortia.node.contracts.ContractContext}, refuses bad calls with
 * {@link io.consortia.node.contracts.ContractException}, and is found by name in a
 * {@link io.consortia.node.contracts.ContractRegistry}
 * ({@link io.consortia.node.contracts.ContractRegistry#builtIns()}: notarization, asset, token, nft, traceability).
 */
package io.consortia.node.contracts;
