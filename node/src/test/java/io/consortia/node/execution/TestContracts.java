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

    /**
     * "blob": much output for little input. {@code emit(count, bytes)} emits count events of that many
     * bytes; {@code write(prefix, count, bytes)} writes count keys under the prefix, values of that many
     * bytes; {@code answer(bytes)} returns that many bytes.
     */
    static final class Blob implements Contract {
        @Override
        public String name() {
            return "blob";
        }

        @Override
        public boolean hasFunction(String function) {
            return List.of("emit", "write", "answer").contains(function);
        }

        @Override
        public boolean isReadOnly(String function) {
            return false;
        }

        @Override
        public byte[] invoke(ContractContext context, String function, List<ByteString> args) {
            switch (function) {
                case "emit" -> {
                    for (int i = 0; i < number(args, 0); i++) {
                        context.emit("blob", new byte[number(args, 1)]);
                    }
                    return new byte[0];
                }
                case "write" -> {
                    for (int i = 0; i < number(args, 1); i++) {
                        context.put(args.get(0).toStringUtf8() + "/" + i, new byte[number(args, 2)]);
                    }
                    return new byte[0];
                }
                default -> {
                    return new byte[number(args, 0)];
                }
            }
        }

        private static int number(List<ByteString> args, int index) {
            return Integer.parseInt(args.get(index).toStringUtf8());
        }
    }
}
