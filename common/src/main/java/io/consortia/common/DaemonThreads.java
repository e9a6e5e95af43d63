package io.consortia.common;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads with names, so that a thread dump says whose they are and none of them keeps
 * a JVM alive on exit.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** A factory of daemon threads all called {@code name}. */
    public static ThreadFactory named(String name) {
        Objects.requireNonNull(name, "name");
        return task -> thread(name, task);
    }

    /** A factory of daemon threads called {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory numbered(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        AtomicInteger counter = new AtomicInteger();
        return task -> thread(prefix + "-" + counter.incrementAndGet(), task);
    }

    /** A daemon thread called {@code name}, not started. */
    public static Thread thread(String name, Runnable task) {
        Thread thread = new Thread(Objects.requireNonNull(task, "task"), Objects.requireNonNull(name, "name"));
        thread.setDaemon(true);
        return thread;
    }

    /** Starts {@code task} on a daemon thread called {@code name}. */
    public static Thread start(String name, Runnable task) {
        Thread thread = thread(name, task);
        thread.start();
        return thread;
    }
}
