package io.consortia.operator.api;

/**
 * Where a network stands. {@code Pending}: something a person must provide is missing (a Secret);
 * {@code Progressing}: objects applied, nodes not all ready yet; {@code Ready}: every node ready;
 * {@code Degraded}: it was ready and a node is not, or the operator could not apply an object.
 */
public enum Phase {
    Pending,
    Progressing,
    Ready,
    Degraded
}
