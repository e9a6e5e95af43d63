package io.consortia.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.protocol.v1.ChannelStatus;
import io.consortia.protocol.v1.NodeStatus;
import org.junit.jupiter.api.Test;

class HealthDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void up_names_the_node_and_each_channel_in_the_same_compact_form_as_before() {
        String json = HealthDocument.up(NodeStatus.newBuilder().setNodeId("org1-node0").setOrganization("org1")
                .addChannels(ChannelStatus.newBuilder().setName("main").setHeight(12).setRaftRole("LEADER")
                        .setRaftLeader("org1-node0").setRaftTerm(3))
                .build());

        assertThat(json).isEqualTo("{\"status\":\"UP\",\"nodeId\":\"org1-node0\",\"organization\":\"org1\","
                + "\"channels\":[{\"name\":\"main\",\"height\":12,\"raftRole\":\"LEADER\","
                + "\"raftLeader\":\"org1-node0\",\"raftTerm\":3}]}");
    }

    @Test
    void quotes_backslashes_and_control_characters_in_names_stay_inside_their_strings() throws Exception {
        String organization = "Acme \"Chain\" \\ Co\n{\"status\":\"DOWN\"}";

        String json = HealthDocument.up(NodeStatus.newBuilder().setNodeId("n1").setOrganization(organization).build());

        JsonNode parsed = JSON.readTree(json); // was invalid JSON when concatenated by hand
        assertThat(parsed.get("organization").asText()).isEqualTo(organization);
        assertThat(parsed.get("status").asText()).isEqualTo("UP");
        assertThat(parsed.get("channels")).isEmpty();
    }

    @Test
    void channels_that_could_not_be_opened_are_listed_with_their_reason() throws Exception {
        String json = HealthDocument.up(NodeStatus.newBuilder().setNodeId("n1").setOrganization("org1").build(),
                java.util.Map.of("torn", "channel.pb cannot be used: \"invalid tag\"", "side", "bad root"));

        JsonNode failed = JSON.readTree(json).get("failedChannels");
        assertThat(failed).hasSize(2);
        assertThat(failed.get(0).get("name").asText()).isEqualTo("side");
        assertThat(failed.get(1).get("reason").asText()).isEqualTo("channel.pb cannot be used: \"invalid tag\"");
    }

    @Test
    void a_stopped_raft_member_makes_the_document_down_with_everything_else_the_node_knows() throws Exception {
        String json = HealthDocument.of("DOWN", NodeStatus.newBuilder().setNodeId("n1").setOrganization("org1")
                        .addChannels(ChannelStatus.newBuilder().setName("main").setHeight(7).setRaftRole("FOLLOWER"))
                        .build(),
                java.util.Map.of("main", "its Raft log cannot be written (No space left on device)"));

        JsonNode parsed = JSON.readTree(json);
        assertThat(parsed.get("status").asText()).isEqualTo("DOWN");
        assertThat(parsed.get("channels").get(0).get("height").asLong()).isEqualTo(7);
        assertThat(parsed.get("failedChannels").get(0).get("reason").asText())
                .isEqualTo("its Raft log cannot be written (No space left on device)");
    }

    @Test
    void a_serving_node_with_a_channel_without_raft_leader_is_degraded_and_names_the_channel() throws Exception {
        // the last node of three whose two peers are paused: it serves (200, no restart), but orders nothing
        String json = HealthDocument.up(NodeStatus.newBuilder().setNodeId("n3").setOrganization("org3")
                .addChannels(ChannelStatus.newBuilder().setName("main").setHeight(7).setRaftRole("CANDIDATE"))
                .addChannels(ChannelStatus.newBuilder().setName("side").setHeight(2).setRaftRole("FOLLOWER")
                        .setRaftLeader("n1"))
                .addChannels(ChannelStatus.newBuilder().setName("gone").setRemoved(true))
                .build());

        JsonNode parsed = JSON.readTree(json);
        assertThat(parsed.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(parsed.get("leaderlessChannels")).hasSize(1);
        assertThat(parsed.get("leaderlessChannels").get(0).asText()).isEqualTo("main");
    }

    @Test
    void down_is_a_one_field_document() {
        assertThat(HealthDocument.down()).isEqualTo("{\"status\":\"DOWN\"}");
    }
}
