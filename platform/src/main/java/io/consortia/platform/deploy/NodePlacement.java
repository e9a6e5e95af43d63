package io.consortia.platform.deploy;

/** Where a deployer put a new node: its address, ports and directory (or other handle). */
public record NodePlacement(String host, int apiPort, int raftPort, int metricsPort, String directory) {}
