package io.consortia.platform.event;

/** What a subscription delivers: one event per block, per transaction, or per contract event. */
public enum EventKind {
    BLOCK,
    TX_STATUS,
    CONTRACT_EVENT
}
