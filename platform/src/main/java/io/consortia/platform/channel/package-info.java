/**
 * Channels (通道): created by the consortium leader with a subset of the member organisations
 * (the same ChannelConfig sent to every peer node), and the approval workflow for adding an
 * organisation to an existing channel (policy MAJORITY of the channel's organisations).
 * {@link io.consortia.platform.channel.NetworkClients} opens SDK connections to a consortium's
 * nodes with custodial credentials.
 */
package io.consortia.platform.channel;
