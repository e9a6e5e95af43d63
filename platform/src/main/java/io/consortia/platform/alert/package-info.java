/**
 * Alerts: rules a consortium's admins set (node down, height lagging, no blocks, disk usage,
 * certificates expiring, Raft leader changes, failed deployments), an evaluator that opens,
 * keeps and resolves alerts, acknowledgement, and notifications by signed webhook and e-mail
 * with their delivery history.
 */
package io.consortia.platform.alert;
