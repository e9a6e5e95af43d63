package io.consortia.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test modules: src/test/wat assembled by the build, and the AssemblyScript examples of examples/contracts. */
final class Modules {
    private Modules() {
    }

    static byte[] wat(String name) {
        return resource("/wat/" + name + ".wasm");
    }

    static byte[] contract(String name) {
        return resource("/contracts/" + name + ".wasm");
    }

    static List<byte[]> args(String... values) {
        List<byte[]> out = new ArrayList<>();
        for (String v : values) {
            out.add(v.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] resource(String path) {
        try (InputStream in = Modules.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing: the build (generate-test-resources) makes it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
