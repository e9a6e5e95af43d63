package io.consortia.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code consortia bench --time-to-network}: from the deploy call to the first committed block. */
final class TimeToNetworkOptions {
    @Option(names = "--time-to-network", description = "instead of throughput, measure the time from the "
            + "platform's deploy call to the first committed block for 2 and 4 organisations (1 node each, local "
            + "deployer); starts platform/target/consortia-platform.jar unless --platform-url is given")
    boolean timeToNetwork;

    @Option(names = "--time-to-network-on", defaultValue = "platform", description = "platform (REST API, "
            + "default) or testkit (MiniNetwork...start() with local processes, no platform)")
    String on;

    @Option(names = "--organizations", split = ",", defaultValue = "2,4",
            description = "organisation counts of --time-to-network (default ${DEFAULT-VALUE})")
    List<Integer> organizationCounts;

    @Option(names = "--platform-url", description = "with --time-to-network: a running platform (e.g. "
            + "http://localhost:8080) instead of starting one; its admin password from --platform-admin-password "
            + "or CONSORTIA_ADMIN_PASSWORD")
    String platformUrl;

    @Option(names = "--platform-admin-password", description = "password of the platform's admin (with --platform-url)")
    String platformAdminPassword;

    @Option(names = "--platform-option", description = "property of the platform it starts, repeatable, e.g. "
            + "consortia.node.classpath=/x/classes:/x/lib/*")
    List<String> platformOptions = new ArrayList<>();

    @Option(names = "--platform-jar", description = "the platform jar to start (default "
            + "platform/target/consortia-platform.jar next to this cli)")
    Path platformJar;

    @Option(names = "--time-to-network-runs", defaultValue = "1", description = "runs per network size (default ${DEFAULT-VALUE})")
    int runs;
}
