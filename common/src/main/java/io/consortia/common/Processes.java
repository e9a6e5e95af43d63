package io.consortia.common;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops processes politely first: SIGTERM lets a node flush and close RocksDB and Ratis, a
 * Spring application close its pools. Only what has not exited within the grace period is
 * killed.
 */
public final class Processes {
    private Processes() {}

    /**
     * Asks {@code process} to stop, waits up to {@code grace}, then kills it and whatever it
     * started. Returns whether it stopped within the grace period by itself. Interrupted, it
     * kills at once, sets the interrupt flag again and returns false.
     */
    public static boolean stop(ProcessHandle process, Duration grace) {
        return stopAll(List.of(process), grace);
    }

    /**
     * The same for several processes, asked at once and given one shared grace period. Returns
     * whether all of them stopped by themselves.
     */
    public static boolean stopAll(List<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean stopped = true;
        for (ProcessHandle process : processes) {
            if (!awaitExit(process, deadline - System.nanoTime())) {
                stopped = false;
                kill(process, grace);
            }
        }
        return stopped;
    }

    /** Kills {@code process} and whatever it started, and waits up to {@code wait} for it to go. */
    public static void kill(ProcessHandle process, Duration wait) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(process, wait.toNanos());
    }

    private static boolean awaitExit(ProcessHandle process, long nanos) {
        try {
            process.onExit().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
