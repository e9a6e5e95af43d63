package io.consortia.platform.deploy.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The command line of a node process: the node JDK's java (this JVM's unless configured), the
 * configured options, and this JVM's classpath (the platform depends on consortia-node). When the platform runs as a Spring Boot
 * executable jar, the node's classes sit inside it under BOOT-INF/lib, so the node is started
 * through Spring Boot's PropertiesLauncher with {@code loader.main}.
 */
final class NodeCommand {
    static final String NODE_MAIN = "io.consortia.node.NodeMain";
    static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private NodeCommand() {}

    static List<String> of(Path directory, Path java, List<String> javaOptions, String classpathOverride) {
        String classpath = classpathOverride == null || classpathOverride.isBlank()
                ? System.getProperty("java.class.path") : classpathOverride;
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(javaOptions);
        command.add("-Dlogback.configurationFile=" + directory.resolve(NodeFiles.LOGBACK));
        command.add("-cp");
        command.add(classpath);
        if (isBootJar(classpath)) {
            command.add("-Dloader.main=" + NODE_MAIN);
            command.add(BOOT_LAUNCHER);
        } else {
            command.add(NODE_MAIN);
        }
        command.add("--config");
        command.add(directory.resolve(NodeFiles.CONFIG).toString());
        return command;
    }

    static boolean isBootJar(String classpath) {
        if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classpath)) {
            return jar.getEntry("BOOT-INF/lib/") != null || jar.stream().anyMatch(e -> e.getName().startsWith("BOOT-INF/lib/"));
        } catch (IOException e) {
            return false;
        }
    }
}
