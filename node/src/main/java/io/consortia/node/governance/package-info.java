/**
 * Governance of a channel's configuration: the configuration-change transaction (contract
 * {@value io.consortia.node.governance.ConfigTransactions#CONTRACT}, function
 * {@value io.consortia.node.governance.ConfigTransactions#FUNCTION}) and what makes one VALID —
 * the change rules ({@link io.consortia.node.governance.ConfigChangeRules}), the admins'
 * signatures ({@link io.consortia.node.governance.ConfigSignatures}) and the policy
 * ({@link io.consortia.node.governance.PolicyCount}), put together by
 * {@link io.consortia.node.governance.ConfigUpdateVerifier}. Everything here is a pure function
 * of the current configuration, the change and a time, so every node reaches the same verdict.
 */
package io.consortia.node.governance;
