package io.consortia.kubetest.kubelet;

import io.consortia.kubetest.KubeTestException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback addresses for Pods, 127.0.x.y with x and y in 1..254 (Linux routes all of 127/8 to the loopback
 * interface). Each Pod UID keeps its address while it lives. Addresses are handed out round-robin from a random
 * start, so an address is not reused soon after its Pod is gone (no stale name caches, no TIME_WAIT clashes), and
 * two test clusters on the same machine rarely meet.
 */
final class IpPool {
    private static final int SIZE = 254 * 254;

    private final Map<String, Integer> byUid = new HashMap<>();
    private final Set<Integer> used = new HashSet<>();
    private int next = ThreadLocalRandom.current().nextInt(SIZE);

    synchronized String allocate(String uid) {
        Integer existing = byUid.get(uid);
        if (existing != null) {
            return address(existing);
        }
        for (int i = 0; i < SIZE; i++) {
            int candidate = (next + i) % SIZE;
            if (!used.contains(candidate)) {
                used.add(candidate);
                byUid.put(uid, candidate);
                next = (candidate + 1) % SIZE;
                return address(candidate);
            }
        }
        throw new KubeTestException("no free loopback address for another Pod");
    }

    synchronized void release(String uid) {
        Integer index = byUid.remove(uid);
        if (index != null) {
            used.remove(index);
        }
    }

    private static String address(int index) {
        return "127.0." + (index / 254 + 1) + "." + (index % 254 + 1);
    }
}
