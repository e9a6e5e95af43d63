/**
 * Deploying networks: the {@link io.consortia.platform.deploy.Deployer} SPI (the {@code local}
 * implementation runs node processes on this machine), deployments whose every step is recorded
 * so progress is visible while they run, node supervision (a crashed node is restarted and
 * reported) and adoption of running nodes after a platform restart.
 */
package io.consortia.platform.deploy;
