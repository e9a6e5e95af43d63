/**
 * The ledger of a channel: {@link io.consortia.node.ledger.ChannelLedger} stores blocks, the
 * block-hash and transaction-id indexes, the world state and the chain metadata in one
 * key/value storage, and commits each block with its state changes and Raft position in one
 * synced write batch. Block and state hashing rules live here too
 * ({@link io.consortia.node.ledger.ChannelLedger#blockHash}, {@link io.consortia.node.ledger.StateWrites}).
 */
package io.consortia.node.ledger;
