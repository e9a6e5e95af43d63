/**
 * Deploying networks: the {@link io.consortia.platform.deploy.Deployer} SPI (the {@code local}
 * implementation runs node processes on this machine), deployments whose every step is recorded
 * so progress is visible while they run, node supervision (a crashed node is restarted and
 * reported) and adoption of running nodes after a platform restart. Who may run a network and
 * its nodes is {@link io.consortia.platform.deploy.NodePolicy}'s; other features read nodes through
 * {@link io.consortia.platform.deploy.Nodes}, and deployments reach channels through the
 * {@link io.consortia.platform.deploy.NetworkChannels} question this package owns (the channel
 * feature, which sits above, answers it). A node's vitals come from its deployer
 * ({@link io.consortia.platform.deploy.Deployer#vitals}).
 */
package io.consortia.platform.deploy;
