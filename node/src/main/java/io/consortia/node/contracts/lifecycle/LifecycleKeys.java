package io.consortia.node.contracts.lifecycle;

import java.util.Locale;

/**
 * Layout of the lifecycle contract's state (namespace {@value LifecycleContract#NAME}). Sequences are
 * zero-padded to 20 digits so a contract's history lists in sequence order.
 */
public final class LifecycleKeys {
    static final String CODE = "code/";
    static final String DEFINITION = "definition/";
    static final String HISTORY = "history/";
    static final String PROPOSAL = "proposal/";
    static final String PROPOSED = "proposed/";

    private LifecycleKeys() {}

    /** The installed module whose hash is {@code hashHex} (lower-case hex). */
    public static String code(String hashHex) {
        return CODE + hashHex.toLowerCase(Locale.ROOT);
    }

    /** The committed definition in force of contract {@code name} (a LifecycleRecord). */
    public static String definition(String name) {
        return DEFINITION + name;
    }

    static String history(String name, long sequence) {
        return historyPrefix(name) + sequence(sequence);
    }

    static String historyPrefix(String name) {
        return HISTORY + name + "/";
    }

    static String proposal(String name, long sequence, String digest) {
        return proposalPrefix(name) + sequence(sequence) + "/" + digest;
    }

    /** Present once any definition of {@code name} was proposed: tells "not committed yet" from "no such contract". */
    public static String proposed(String name) {
        return PROPOSED + name;
    }

    static String proposalPrefix(String name) {
        return PROPOSAL + name + "/";
    }

    private static String sequence(long sequence) {
        return String.format(Locale.ROOT, "%020d", sequence);
    }
}
