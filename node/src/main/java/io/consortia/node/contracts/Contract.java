package io.consortia.node.contracts;

import com.google.protobuf.ByteString;
import java.util.List;

/**
 * A contract (chaincode): named functions that read and write the channel's world state
 * through a {@link ContractContext}.
 *
 * <p>Rules every implementation keeps, because every node runs it on the same inputs and
 * must reach byte-identical results: no clock (use {@link ContractContext#timestampMillis()}),
 * no randomness, no I/O, no iteration over unordered collections into the output. Refuse bad
 * input by throwing {@link ContractException}; its message is shown to the caller and
 * recorded in the block. Any other exception is recorded as a contract failure. Both leave
 * the state untouched.
 *
 * <pre>{@code
 * final class Counter implements Contract {
 *     public String name() { return "counter"; }
 *     public boolean hasFunction(String f) { return f.equals("inc") || f.equals("get"); }
 *     public boolean isReadOnly(String f) { return f.equals("get"); }
 *     public byte[] invoke(ContractContext ctx, String f, List<ByteString> args) {
 *         long n = ctx.get("n").map(b -> Long.parseLong(new String(b, UTF_8))).orElse(0L);
 *         if (f.equals("inc")) ctx.put("n", String.valueOf(++n).getBytes(UTF_8));
 *         return String.valueOf(n).getBytes(UTF_8);
 *     }
 * }
 * }</pre>
 */
public interface Contract {

    /** Unique name within a channel; also the namespace of the contract's state. */
    String name();

    boolean hasFunction(String function);

    /** Read-only functions may be evaluated without ordering; their context refuses writes. */
    boolean isReadOnly(String function);

    /** Runs a function; the result is returned to the caller and recorded in the block. */
    byte[] invoke(ContractContext context, String function, List<ByteString> args);
}
