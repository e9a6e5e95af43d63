/**
 * Certificate custody (证书托管): each organisation's CA per consortium and every private key
 * the platform issues, sealed with AES-256-GCM under the master key
 * ({@link io.consortia.platform.custody.MasterKey}). Private keys are never returned by the API
 * nor logged; an organisation admin may export the organisation's keys as a passphrase-encrypted
 * bundle ({@link io.consortia.platform.custody.KeyBundle}).
 */
package io.consortia.platform.custody;
