package io.consortia.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-step timings of --time-to-network, from a deployment as GET /deployments/{id} returns it. */
class PlatformTimeToNetworkTest {
    @Test
    void stepsOfEveryNodeAreGroupedByKindRelativeToTheDeployCall() throws Exception {
        JsonNode steps = new ObjectMapper().readTree("""
                [{"name":"Start c1-org1-0","nodeId":"c1-org1-0","status":"DONE","startedAt":1000,"finishedAt":1100},
                 {"name":"Start c1-org2-0","nodeId":"c1-org2-0","status":"DONE","startedAt":1100,"finishedAt":1300},
                 {"name":"Wait for c1-org1-0 to serve","nodeId":"c1-org1-0","status":"DONE","startedAt":1300,"finishedAt":9000},
                 {"name":"Create channel main","nodeId":null,"status":"DONE","startedAt":9000,"finishedAt":15500}]
                """);

        List<PlatformTimeToNetwork.Phase> phases = PlatformTimeToNetwork.phases(steps, 500);

        assertThat(phases).extracting(PlatformTimeToNetwork.Phase::name)
                .containsExactly("Start <node>", "Wait for <node> to serve", "Create channel main");
        PlatformTimeToNetwork.Phase start = phases.get(0);
        assertThat(start.steps()).isEqualTo(2);
        assertThat(start.fromSeconds()).isEqualTo(0.5);
        assertThat(start.toSeconds()).isEqualTo(0.8);
        assertThat(start.summedSeconds()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(phases.get(2).toSeconds()).isEqualTo(15.0);
    }
}
