package io.consortia.platform.deploy;

/**
 * What rewriting a running node's files needs from the certificate feature, which sits above this
 * one and implements it (like {@link NodeRevocations}): the node's own call that makes it read
 * them again, so that they apply without a restart.
 */
public interface CredentialReloads {

    /**
     * Has the running node read its certificates, keys and trusted TLS roots again
     * ({@code AdminService.ReloadCredentials}); says what it uses now. Fails when the node refuses
     * or does not answer.
     */
    String reload(NodeRecord node);
}
