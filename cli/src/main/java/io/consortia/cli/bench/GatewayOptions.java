package io.consortia.cli.bench;

import picocli.CommandLine.Option;

/** {@code consortia bench --gateway}: drive the platform's application gateway instead of the nodes. */
final class GatewayOptions {
    @Option(names = "--gateway", description = "send the load through the platform's application gateway "
            + "(POST /gateway/v1/channels/main/transactions, --batch calls a request, signed with an access key): "
            + "starts platform/target/consortia-platform.jar (or uses --platform-url), has it deploy --nodes "
            + "organisations x 1 node and issues a key per organisation; notarization only")
    boolean gateway;
}
