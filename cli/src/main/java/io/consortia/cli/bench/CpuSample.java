package io.consortia.cli.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU accounting of a run: the CPU seconds of every node process, of this JVM and of the whole
 * machine at one instant, by thread group too; two samples give the cores each used over the
 * window, and the CPU a committed transaction cost (bench JVM plus nodes, JIT compilation not
 * counted: it is the start-up's cost, not the transaction's). Negative or missing where the
 * platform cannot tell (not Linux, or a node in this JVM).
 */
record CpuSample(long nanos, double benchCpu, Map<String, Double> nodeCpu, Map<String, Double> nodeThreads,
        Map<String, Double> benchThreads, long[] machine) {

    static CpuSample take(List<BenchTarget.TargetNode> nodes) {
        long nanos = System.nanoTime();
        Map<String, Double> nodeCpu = new LinkedHashMap<>();
        Map<String, Double> nodeThreads = new TreeMap<>();
        for (BenchTarget.TargetNode node : nodes) {
            nodeCpu.put(node.id(), ProcFs.processCpuSeconds(node.pid()));
            ProcFs.cpuSecondsByThreadGroup(node.pid()).forEach((k, v) -> nodeThreads.merge(k, v, Double::sum));
        }
        double bench = ProcFs.ownCpuSeconds();
        Map<String, Double> benchThreads = ProcFs.cpuSecondsByThreadGroup(ProcessHandle.current().pid());
        return new CpuSample(nanos, bench, nodeCpu, nodeThreads, benchThreads, ProcFs.machineJiffies());
    }

    /** The cores used between {@code before} and this sample, at {@code tps} committed per second. */
    BenchReport.Cpu since(CpuSample before, List<BenchTarget.TargetNode> nodes, double tps) {
        double wall = (nanos - before.nanos) / 1e9;
        double bench = benchCpu < 0 || before.benchCpu < 0 ? -1 : (benchCpu - before.benchCpu) / wall;
        Map<String, Double> perNode = new LinkedHashMap<>();
        double total = 0;
        for (BenchTarget.TargetNode node : nodes) {
            Double now = nodeCpu.get(node.id());
            Double then = before.nodeCpu.get(node.id());
            if (now != null && then != null && now >= 0 && then >= 0) {
                double cores = (now - then) / wall;
                perNode.put(node.id(), cores);
                total += cores;
            }
        }
        Map<String, Double> nodeThreadCores = delta(nodeThreads, before.nodeThreads, wall);
        Map<String, Double> benchThreadCores = delta(benchThreads, before.benchThreads, wall);
        Double jit = null;
        if (benchThreadCores != null) {
            jit = benchThreadCores.getOrDefault("jit", 0.0) + (nodeThreadCores == null ? 0.0
                    : nodeThreadCores.getOrDefault("jit", 0.0));
        }
        Double perTx = null;
        if (bench >= 0 && tps > 0) {
            perTx = (bench + total - (jit == null ? 0 : jit)) / tps * 1e6;
        }
        Double nodesPerTx = perNode.isEmpty() || tps <= 0 ? null : total / tps * 1e6;
        Double machineBusy = null;
        Double others = null;
        if (machine != null && before.machine != null && machine[1] > before.machine[1]) {
            machineBusy = 100.0 * (machine[0] - before.machine[0]) / (machine[1] - before.machine[1]);
            int cores = Runtime.getRuntime().availableProcessors();
            others = Math.max(0, machineBusy / 100 * cores - Math.max(0, bench) - total);
        }
        return new BenchReport.Cpu(bench, perNode.isEmpty() ? null : total, perNode.isEmpty() ? null : perNode,
                jit, perTx, nodesPerTx, nodeThreadCores, benchThreadCores, machineBusy, others);
    }

    private static Map<String, Double> delta(Map<String, Double> now, Map<String, Double> then, double wall) {
        if (now.isEmpty() || then.isEmpty()) {
            return null;
        }
        Map<String, Double> out = new TreeMap<>();
        now.forEach((k, v) -> out.put(k, Math.max(0, v - then.getOrDefault(k, 0.0)) / wall));
        return out;
    }
}
