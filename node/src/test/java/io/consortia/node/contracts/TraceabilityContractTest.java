package io.consortia.node.contracts;

import static io.consortia.node.contracts.FakeContractContext.args;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TraceabilityContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TraceabilityContract contract = new TraceabilityContract();
    private final FakeContractContext context = new FakeContractContext();

    @Test
    void a_batch_records_its_chain_of_custody_in_order_with_who_recorded_each_entry() throws Exception {
        JsonNode batch = call("createBatch", "tea-2026-01", "Pu'er tea", "{\"origin\":\"Yunnan\",\"grade\":\"A\"}");
        assertThat(batch.get("custodian").asText()).isEqualTo("Org1");
        assertThat(batch.get("attributes").toString()).as("sorted by name").isEqualTo("{\"grade\":\"A\",\"origin\":\"Yunnan\"}");

        context.nextTransaction();
        call("recordEvent", "tea-2026-01", "harvested", "field 7");
        context.nextTransaction();
        call("transferCustody", "tea-2026-01", "Org2", "truck 12");
        context.nextTransaction().as("Org2", "bob");
        call("recordEvent", "tea-2026-01", "processed");

        JsonNode history = read("history", "tea-2026-01");
        assertThat(history).hasSize(4);
        List<String> rows = new ArrayList<>();
        for (JsonNode entry : history) {
            rows.add(entry.get("sequence").asLong() + " " + entry.get("type").asText() + " " + entry.get("organization").asText()
                    + " " + entry.get("recordedBy").asText() + " " + entry.get("custodian").asText() + " "
                    + entry.get("transactionId").asText() + " " + entry.get("timestampMillis").asLong());
        }
        assertThat(rows).containsExactly(
                "1 created Org1 Org1/user1 Org1 tx-1 1000",
                "2 harvested Org1 Org1/user1 Org1 tx-2 2000",
                "3 custodyTransferred Org1 Org1/user1 Org2 tx-3 3000",
                "4 processed Org2 Org2/bob Org2 tx-4 4000");
        assertThat(read("batch", "tea-2026-01").get("entries").asLong()).isEqualTo(4);
        assertThat(context.events()).containsExactly("traceability.created", "traceability.recorded",
                "traceability.custodyTransferred", "traceability.recorded");
    }

    @Test
    void only_the_custodian_records_or_hands_on_and_refusals_change_nothing() throws Exception {
        call("createBatch", "b1", "Milk");
        call("transferCustody", "b1", "Org2");
        Map<String, String> before = snapshot();

        context.as("Org1", "user1"); // the previous custodian
        assertThatThrownBy(() -> call("recordEvent", "b1", "inspected")).hasMessageContaining("only the custodian Org2");
        assertThatThrownBy(() -> call("transferCustody", "b1", "Org3")).hasMessageContaining("only the custodian Org2");
        context.as("Org3", "carol");
        assertThatThrownBy(() -> call("transferCustody", "b1", "Org3")).hasMessageContaining("only the custodian Org2");
        context.as("Org2", "bob");
        assertThatThrownBy(() -> call("transferCustody", "b1", "Org2")).hasMessageContaining("already holds");
        assertThatThrownBy(() -> call("transferCustody", "b1", "NoOrg")).hasMessageContaining("not an organisation");
        assertThatThrownBy(() -> call("recordEvent", "b1", "created")).hasMessageContaining("recorded by the contract itself");
        assertThatThrownBy(() -> call("recordEvent", "b1", "custodyTransferred")).hasMessageContaining("recorded by the contract");
        assertThatThrownBy(() -> call("recordEvent", "b1", "bad type")).hasMessageContaining("type must be");
        assertThatThrownBy(() -> call("recordEvent", "b1", "x", "d".repeat(TraceabilityContract.MAX_DETAILS + 1)))
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> call("recordEvent", "nope", "x")).hasMessageContaining("batch nope does not exist");
        assertThatThrownBy(() -> call("createBatch", "b1", "again")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> read("history", "nope")).hasMessageContaining("does not exist");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void attributes_must_be_an_object_of_strings() {
        for (String bad : new String[] {"[]", "\"x\"", "{\"a\":1}", "{\"a\":\"1\",\"a\":\"2\"}", "{\"a\":{}}", "{", "{} {}",
                "{\"\":\"x\"}", "null"}) {
            assertThatThrownBy(() -> call("createBatch", "b1", "Milk", bad)).as(bad)
                    .isInstanceOf(ContractException.class).hasMessageContaining("attributes");
        }
        assertThat(context.state()).isEmpty();
    }

    /** Every call appends exactly one entry after the existing ones and never rewrites an earlier one. */
    @Test
    void the_history_is_append_only_across_many_calls() throws Exception {
        call("createBatch", "b1", "Rice");
        String[] custodians = {"Org1", "Org2", "Org3"};
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String custodian = read("batch", "b1").get("custodian").asText();
            context.nextTransaction().as(custodian, "u");
            if (i % 3 == 2) {
                call("transferCustody", "b1", custodians[(i / 3 + 1) % 3].equals(custodian) ? custodians[(i / 3 + 2) % 3]
                        : custodians[(i / 3 + 1) % 3]);
            } else {
                call("recordEvent", "b1", "step-" + i);
            }
            JsonNode history = read("history", "b1");
            assertThat(history).hasSize(seen.size() + 2);
            for (int k = 0; k < seen.size(); k++) {
                assertThat(history.get(k + 1).toString()).as("entry %d unchanged", k + 2).isEqualTo(seen.get(k));
            }
            for (int k = 0; k < history.size(); k++) {
                assertThat(history.get(k).get("sequence").asLong()).isEqualTo(k + 1);
            }
            seen.add(history.get(history.size() - 1).toString());
        }
    }

    private JsonNode call(String function, String... args) throws Exception {
        return JSON.readTree(contract.invoke(context, function, args(args)));
    }

    private JsonNode read(String function, String... args) throws Exception {
        context.readOnly(true);
        try {
            return JSON.readTree(contract.invoke(context, function, args(args)));
        } finally {
            context.readOnly(false);
        }
    }

    private Map<String, String> snapshot() {
        Map<String, String> copy = new TreeMap<>();
        context.state().forEach((k, v) -> copy.put(k, new String(v, UTF_8)));
        return copy;
    }
}
