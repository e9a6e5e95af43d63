package io.consortia.platform.gateway;

/**
 * Published inside the transaction that deletes an application, so that what hangs on it elsewhere
 * (its event subscriptions) goes in the same transaction.
 */
public record ApplicationDeleted(long applicationId) {}
