/**
 * Certificate lifecycle (证书管理): the inventory of every certificate of a consortium with its
 * expiry ({@link io.consortia.platform.certificate.CertificateInventory}), renewal of one or of
 * all expiring soon, with the overlap that keeps running nodes and clients working, and
 * revocation, recorded on chain in every channel's configuration
 * ({@link io.consortia.platform.certificate.ChainRevocations}). Operations run as deployments
 * (step by step) and are recorded in the consortium's history. Keys stay in custody.
 */
package io.consortia.platform.certificate;
