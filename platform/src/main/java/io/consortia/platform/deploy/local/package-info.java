/**
 * The {@code local} deployer: real {@code consortia-node} processes on this machine, one
 * directory per node under {@code <data-dir>/networks/}, ports from a configured range recorded
 * in the database (never handed out twice), output appended to {@code node.log}. Processes
 * outlive the platform, so a restarted platform finds them by process id and command line, and
 * {@code ./consortia stop --all} by the configuration files {@code <data-dir>/local-nodes} lists.
 */
package io.consortia.platform.deploy.local;
