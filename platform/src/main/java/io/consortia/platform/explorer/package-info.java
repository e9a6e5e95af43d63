/**
 * The block explorer (区块链浏览器): {@link io.consortia.platform.explorer.BlockIndexer} follows
 * every active channel's block stream into the database, checking each block's hash and its link
 * to the previous one, and resumes after restarts from the last indexed block; the service
 * answers overview, paged lists, one search box (block number, block hash, transaction id) and
 * transaction details with their Merkle proof.
 */
package io.consortia.platform.explorer;
