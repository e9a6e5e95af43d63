package io.consortia.wasm;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a contract call ended. Only {@link Outcome#OK} carries writes and events (already handed to the host);
 * every other outcome changed nothing.
 *
 * @param outcome     the outcome
 * @param reason      why it did not end OK (empty when OK); control characters escaped as {@code \}{@code uXXXX},
 *                    at most 1024 chars
 * @param returnValue what the contract passed to {@code consortia.return_value} (empty if nothing)
 * @param fuelUsed    fuel burnt, the same on every node for the same call and state
 * @param writes      the call's final writes in key order (null value = delete), OK only
 * @param events      the events emitted, in order, OK only
 */
public record CallResult(Outcome outcome, String reason, byte[] returnValue, long fuelUsed,
                         List<Write> writes, List<Event> events) {

    public enum Outcome {
        /** The call ran to its end; its writes and events were handed to the host. */
        OK,
        /** The contract refused the call itself ({@code consortia.abort}) or a built-in contract refused. */
        REJECTED,
        /**
         * The contract refused the call because the record it names does not exist ({@code consortia.not_found}), or
         * a built-in contract it called found no record. Like {@link #REJECTED} it changed nothing.
         */
        NOT_FOUND,
        /** The module exports no such function; nothing ran. */
        UNKNOWN_FUNCTION,
        /** The fuel limit was reached. */
        OUT_OF_FUEL,
        /** The memory would have grown beyond the page limit. */
        OUT_OF_MEMORY,
        /** A WebAssembly trap: unreachable, division by zero, out-of-bounds access, call depth... */
        TRAP,
        /** A host function was called wrongly (pointer outside memory, oversized value, bad index...). */
        HOST_MISUSE,
        /** The module was refused at validation; it never ran. */
        INVALID_MODULE
    }

    /** One write: value null means delete. */
    public record Write(byte[] key, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Write w && Arrays.equals(key, w.key) && Arrays.equals(value, w.value);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Write[" + new String(key, java.nio.charset.StandardCharsets.UTF_8) + "="
                    + (value == null ? "<deleted>" : value.length + " bytes") + "]";
        }
    }

    public record Event(String name, byte[] payload) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Event e && name.equals(e.name) && Arrays.equals(payload, e.payload);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(payload);
        }
    }

    public CallResult {
        Objects.requireNonNull(outcome, "outcome");
        // reasons carry contract text (abort messages, function names): never raw control characters (SafeText)
        reason = reason == null ? "" : SafeText.reason(reason);
        returnValue = returnValue == null ? new byte[0] : returnValue;
        writes = List.copyOf(writes);
        events = List.copyOf(events);
    }

    static CallResult failed(Outcome outcome, String reason, long fuelUsed) {
        return new CallResult(outcome, reason, null, fuelUsed, List.of(), List.of());
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    @Override
    public String toString() {
        return "CallResult[" + outcome + (reason.isEmpty() ? "" : " " + reason) + ", fuel " + fuelUsed
                + ", " + writes.size() + " writes, " + events.size() + " events]";
    }

}
