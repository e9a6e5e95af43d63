package io.consortia.node.launch;

import io.consortia.node.config.ConfigException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Which code of the node process HotSpot's optimising compiler (C2) may compile: by default only
 * the code that does the node's arithmetic — signature verification and hashing, big integers,
 * WebAssembly contracts — while everything else stays with the quick compiler (C1).
 *
 * <p>Why (issue 21): on a small machine C2 compiles the node's broad gRPC, Netty, TLS, protobuf and
 * Ratis code for minutes (0.4-0.75 cores of JIT still running after 60 s of load on 2 cores,
 * three nodes), which is why the local deployer ran its nodes with C1 only
 * ({@code -XX:TieredStopAtLevel=1}). C1 alone leaves signature verification at about half its
 * speed: in C1-only nodes it was 42-60 % of the node's CPU. With C2 kept for the arithmetic the
 * JIT settles within a minute as with C1 alone (0.05-0.10 cores after 60 s), and the nodes
 * committed 26-44 % more than with C1 alone, and more batched than with C2 everywhere
 * (docs/performance.md, fifth pass). Methods C2 may not compile end at C1's optimised level.
 *
 * <p>The directives are added through the JVM's diagnostic command MBean (what
 * {@code jcmd <pid> Compiler.directives_add} does), so that every way of starting a node — the
 * local deployer, the images, the testkit, the bench — gets them without a JVM option. They take
 * effect only where the JVM runs C2 at all: a node started with {@code -XX:TieredStopAtLevel=1}
 * stays C1 only.
 */
public final class CompilerDirectives {
    /** The system property that chooses the mode ({@code crypto}, the default, or {@code all}). */
    public static final String PROPERTY = "consortia.node.c2";

    /** Code C2 may compile in mode {@link Mode#CRYPTO}, as HotSpot method patterns (class prefix, any method). */
    static final List<String> C2_CODE = List.of(
            "org/bouncycastle/math/*.*",      // SM2 and P-256 field and point arithmetic
            "org/bouncycastle/crypto/*.*",    // ECDSA/SM2 signers, SM3
            "sun/security/provider/*.*",      // SHA-256 (C2 intrinsic)
            "sun/security/util/math/*.*",     // the JDK's own EC field arithmetic (TLS handshakes)
            "sun/security/ec/*.*",
            "java/math/*.*",                  // BigInteger (C2 intrinsics)
            "io/consortia/crypto/*.*",
            "com/dylibso/chicory/*.*",        // the WebAssembly interpreter running user contracts
            "io/consortia/wasm/*.*");

    private CompilerDirectives() {}

    /** Where C2 may compile. */
    public enum Mode {
        /** Only {@link #C2_CODE}; everything else at C1's optimised level. */
        CRYPTO,
        /** Wherever HotSpot decides (no directives). */
        ALL;

        /** From the value of {@link #PROPERTY}; null means the default. */
        public static Mode of(String value) {
            if (value == null || value.isBlank()) {
                return CRYPTO;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("-D" + PROPERTY + "=" + value + " is not a mode: use crypto (the default,"
                        + " C2 for signature verification and hashing only) or all (C2 wherever HotSpot decides)");
            }
        }
    }

    /** The directives file's content for {@link Mode#CRYPTO}: the listed code may use C2, nothing else may. */
    static String crypto() {
        StringBuilder json = new StringBuilder("[\n  { match: [");
        for (int i = 0; i < C2_CODE.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(C2_CODE.get(i)).append('"');
        }
        return json.append("], c2: { Exclude: false } },\n  { match: \"*.*\", c2: { Exclude: true } }\n]\n")
                .toString();
    }

    /**
     * Adds the mode's directives to this JVM; returns what to log. Adding them can fail on a JVM
     * without HotSpot's diagnostic commands: the node then runs with the JVM's own choice, and the
     * answer says so.
     */
    public static String install(Mode mode) {
        if (mode == Mode.ALL) {
            return "C2 may compile any code (" + PROPERTY + "=all)";
        }
        Path file = null;
        try {
            file = Files.createTempFile("consortia-c2-", ".json");
            Files.writeString(file, crypto(), StandardCharsets.UTF_8);
            Object answer = diagnosticCommand("compilerDirectivesAdd", file.toString());
            if (answer == null || !answer.toString().contains("added")) {
                return "compiler directives were not added (" + answer + "); C2 may compile any code";
            }
            return "C2 compiles signature verification, hashing and contract execution only; other code stays"
                    + " with C1 (" + PROPERTY + "=crypto, the default; all to lift it)";
        } catch (IOException | JMException | RuntimeException e) {
            return "compiler directives were not added (" + e + "); C2 may compile any code";
        } finally {
            deleteQuietly(file); // the JVM parsed it when adding
        }
    }

    /** The compiler directives in force in this JVM, as {@code jcmd <pid> Compiler.directives_print} shows them. */
    static String inForce() throws JMException {
        return String.valueOf(diagnosticCommand("compilerDirectivesPrint"));
    }

    /** Removes every directive added to this JVM (for tests). */
    static void clear() throws JMException {
        diagnosticCommand("compilerDirectivesClear");
    }

    private static Object diagnosticCommand(String operation, String... arguments) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                new Object[] {arguments}, new String[] {String[].class.getName()});
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file of a few hundred bytes
        }
    }
}
