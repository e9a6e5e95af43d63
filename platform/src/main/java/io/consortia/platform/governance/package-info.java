/**
 * Changing a running channel's configuration on chain: build the next version, have it signed by
 * the custodial admin identities of the organisations that approved it, submit it as a
 * {@code _config} transaction and wait until it commits. Used by the channel proposals, node
 * membership and certificate revocation; knows nodes (deploy) and keys (custody), not channels'
 * records.
 */
package io.consortia.platform.governance;
