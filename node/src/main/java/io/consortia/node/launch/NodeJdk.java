package io.consortia.node.launch;

import io.consortia.node.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDK that runs node processes. By default the launcher's own; a launcher may run its nodes
 * on a newer one, since a node is a process of its own: on these machines Java 25 left half the
 * JIT compilation of Java 17 running after a minute of load (docs/performance.md), while the
 * platform stays on the release it was built for.
 *
 * @param home the JDK's directory (the one holding {@code bin/java})
 * @param release its feature release (17, 25, ...)
 * @param version its full version, part of the class data archive's name: an archive only fits
 *        the JVM build that wrote it
 */
public record NodeJdk(Path home, int release, String version) {
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"?([^\"\\s]+)\"?", Pattern.MULTILINE);
    private static final Pattern RUNTIME_VERSION =
            Pattern.compile("^JAVA_RUNTIME_VERSION=\"?([^\"\\s]+)\"?", Pattern.MULTILINE);

    /** The JDK of this JVM. */
    public static NodeJdk current() {
        return new NodeJdk(Path.of(System.getProperty("java.home")), Runtime.version().feature(),
                System.getProperty("java.vm.version"));
    }

    /**
     * The JDK installed at {@code home}, described by its {@code release} file (every JDK since 9
     * ships one). Refuses a directory without an executable {@code bin/java} or a release file.
     */
    public static NodeJdk at(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        if (!Files.isExecutable(absolute.resolve("bin").resolve("java"))) {
            throw new ConfigException("no JDK at " + absolute + ": bin/java is missing or not executable");
        }
        String release;
        try {
            release = Files.readString(absolute.resolve("release"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("no JDK at " + absolute + ": cannot read its release file (" + e + ")", e);
        }
        String version = first(JAVA_VERSION, release)
                .orElseThrow(() -> new ConfigException("the release file of " + absolute + " names no JAVA_VERSION"));
        return new NodeJdk(absolute, featureOf(version), first(RUNTIME_VERSION, release).orElse(version));
    }

    /** The configured JDK home, or this JVM's when the setting is empty. */
    public static NodeJdk configured(String home) {
        return home == null || home.isBlank() ? current() : at(Path.of(home.strip()));
    }

    /** "25.0.3" is 25, "17" is 17, and the old scheme's "1.8.0_392" is 8. */
    static int featureOf(String version) {
        String[] parts = version.split("[.+_-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            throw new ConfigException("cannot read a Java release from \"" + version + "\"", e);
        }
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    public Path jcmd() {
        return home.resolve("bin").resolve("jcmd");
    }

    /** The JDK's own class archive, which a dynamic archive extends; some JDK builds do not ship it. */
    public Path baseArchive() {
        return home.resolve("lib").resolve("server").resolve("classes.jsa");
    }
}
