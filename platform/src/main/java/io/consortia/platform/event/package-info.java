/**
 * Events for applications: subscriptions of an application to a channel's blocks, transaction
 * statuses or contract events, delivered by signed webhooks (at least once, in order, retried
 * with backoff, with a delivery history and a cursor that survives a restart) and by a
 * server-sent-event stream on the gateway that resumes from {@code Last-Event-ID}. Events are
 * read from the ledger itself, so a cursor is all the state a delivery needs.
 */
package io.consortia.platform.event;
