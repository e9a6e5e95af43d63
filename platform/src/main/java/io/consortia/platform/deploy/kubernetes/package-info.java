/**
 * The {@code kubernetes} deployer: a consortium's network as one cluster-scoped
 * {@code ConsortiaNetwork} custom resource (module {@code operator}), which the Consortia operator
 * reconciles into a namespace with a StatefulSet per organisation, Services, ConfigMaps,
 * PodDisruptionBudgets and NetworkPolicies. The platform issues the certificates as for local
 * nodes, writes the nodes' private keys only into each organisation's Secret {@code <org>-keys}
 * (owned by the resource, so deleting it removes them), follows the resource's status and the
 * pods into the deployment's steps, and reads logs and events through the Kubernetes API. It
 * reaches nodes by their stable DNS names ({@code <pod>.<org>-peers.<namespace>.svc.cluster.local}).
 * Only this package knows Kubernetes; see docs/kubernetes.md.
 */
package io.consortia.platform.deploy.kubernetes;
