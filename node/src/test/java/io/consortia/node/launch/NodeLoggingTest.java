package io.consortia.node.launch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * A tester found every node of a Kubernetes network logging at DEBUG (Raft's gRPC frames as hex, about 2 KB/s
 * idle): the image starts NodeMain without a logging configuration, and logback's default is DEBUG.
 */
class NodeLoggingTest {

    @Test
    void a_node_without_a_configuration_logs_info_and_raft_warnings_with_dated_lines() throws Exception {
        ClassLoader bare = new URLClassLoader(new URL[0], null);
        assertThat(NodeLogging.defaultsFor(null, bare)).contains(NodeLogging.DEFAULTS);

        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(NodeLogging.class.getClassLoader().getResource(NodeLogging.DEFAULTS));
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.ratis.thirdparty.io.grpc.netty.NettyClientHandler")
                .getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.consortia.node.Node").isDebugEnabled()).isFalse();
        // the platform's log reader parses this line format (local nodes are written the same)
        assertThat(new String(NodeLogging.class.getClassLoader().getResourceAsStream(NodeLogging.DEFAULTS)
                .readAllBytes())).contains("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        context.stop();
    }

    @Test
    void a_configuration_given_by_property_or_on_the_classpath_is_kept(@TempDir Path dir) throws Exception {
        ClassLoader bare = new URLClassLoader(new URL[0], null);
        assertThat(NodeLogging.defaultsFor("/etc/consortia/logback.xml", bare)).isEmpty();
        Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        try (URLClassLoader own = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(NodeLogging.defaultsFor(null, own)).isEmpty();
        }
    }
}
