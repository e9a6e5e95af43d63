package io.consortia.node.execution;

import com.google.protobuf.ByteString;
import io.consortia.node.contracts.Contract;
import io.consortia.node.contracts.ContractContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Contracts that misbehave on purpose. */
final class TestContracts {
    private TestContracts() {}

    /**
     * "boom": {@code explode} writes a key then throws IllegalStateException; {@code peek(key)}
     * returns "present"/"absent" for a key of its own namespace; {@code write(key)} writes a
     * key though declared read-only.
     */
    static final class Boom implements Contract {
        @Override
        public String name() {
            return "boom";
        }

        @Override
        public boolean hasFunction(String function) {
            return List.of("explode", "peek", "sneakyWrite").contains(function);
        }

        @Override
        public boolean isReadOnly(String function) {
            return !function.equals("explode");
        }

        @Override
        public byte[] invoke(ContractContext context, String function, List<ByteString> args) {
            switch (function) {
                case "explode" -> {
                    context.put("written-before-failing", new byte[] {1});
                    throw new IllegalStateException("kaboom at " + System.nanoTime());
                }
                case "peek" -> {
                    return (context.get(args.get(0).toStringUtf8()).isPresent() ? "present" : "absent")
                            .getBytes(StandardCharsets.UTF_8);
                }
                default -> {
                    context.put("sneaky", new byte[] {1});
                    return new byte[0];
                }
            }
        }
    }
}
