package io.consortia.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.node.launch.NodeJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessNodeRunnerTest {

    @Test
    void a_node_process_runs_NodeMain_on_this_classpath_with_its_config_and_jvm_options() {
        NodeLayout layout = new NodeLayout("org1-node0", "org1", Path.of("/tmp/net/org1-node0"), 1, 2, 3);

        List<String> command = new ProcessNodeRunner(layout, List.of("-Xmx512m"), null).command();

        assertThat(command.get(0)).endsWith(Path.of("bin", "java").toString());
        assertThat(command).containsSubsequence("-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.consortia.node.NodeMain", "--config", "/tmp/net/org1-node0/node.yaml");
        assertThat(command).contains("-Dlogback.configurationFile=/tmp/net/org1-node0/logback.xml");
    }

    @Test
    void node_processes_load_rocksdb_s_library_from_one_shared_copy(@TempDir Path dir) {
        NodeLayout layout = new NodeLayout("org1-node0", "org1", dir.resolve("org1-node0"), 1, 2, 3);

        List<String> command = new ProcessNodeRunner(layout, List.of(), dir.resolve("archives")).command();

        assertThat(command).anyMatch(o -> o.startsWith("-Djava.library.path=" + dir.resolve("archives").resolve("native")));
    }

    @Test
    void a_node_process_can_run_on_another_jdk(@TempDir Path dir) throws Exception {
        Path jdk = Files.createDirectories(dir.resolve("jdk-25"));
        Path java = Files.writeString(Files.createDirectories(jdk.resolve("bin")).resolve("java"), "#!/bin/sh\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
        NodeLayout layout = new NodeLayout("org1-node0", "org1", dir.resolve("org1-node0"), 1, 2, 3);

        List<String> command = new ProcessNodeRunner(layout, List.of(), null, NodeJdk.at(jdk)).command();

        assertThat(command.get(0)).isEqualTo(java.toAbsolutePath().toString());
        assertThat(MiniNetwork.builder().nodeJavaHome(jdk).nodeJdk.release()).isEqualTo(25);
    }

    @Test
    void the_main_class_exists_on_the_classpath() throws Exception {
        assertThat(Class.forName(ProcessNodeRunner.MAIN_CLASS)).isNotNull();
    }
}
