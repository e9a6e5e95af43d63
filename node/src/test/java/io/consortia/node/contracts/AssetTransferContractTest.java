package io.consortia.node.contracts;

import static io.consortia.node.contracts.FakeContractContext.args;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AssetTransferContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AssetTransferContract contract = new AssetTransferContract();
    private final FakeContractContext context = new FakeContractContext();

    @Test
    void a_created_asset_belongs_to_the_creators_organisation() throws Exception {
        contract.invoke(context, "create", args("car-1", "a red car", "25000"));

        JsonNode asset = json(contract.invoke(context, "read", args("car-1")));

        assertThat(asset.get("owner").asText()).isEqualTo("Org1");
        assertThat(asset.get("value").asLong()).isEqualTo(25000);
        assertThat(asset.get("version").asLong()).isEqualTo(1);
        assertThat(context.events()).containsExactly("asset.created");
    }

    @Test
    void the_owner_can_transfer_and_the_history_keeps_every_version_in_order() throws Exception {
        contract.invoke(context, "create", args("car-1", "", "1"));
        contract.invoke(context.nextTransaction(), "transfer", args("car-1", "Org2"));
        contract.invoke(context.nextTransaction().as("Org2", "bob"), "transfer", args("car-1", "Org3"));

        JsonNode history = json(contract.invoke(context, "history", args("car-1")));

        assertThat(history).hasSize(3);
        assertThat(history.findValuesAsText("owner")).containsExactly("Org1", "Org2", "Org3");
        assertThat(history.findValuesAsText("transactionId")).containsExactly("tx-1", "tx-2", "tx-3");
        assertThat(history.findValuesAsText("action")).containsExactly("create", "transfer", "transfer");
    }

    @Test
    void someone_outside_the_owner_organisation_cannot_transfer() {
        contract.invoke(context, "create", args("car-1", "", "1"));

        assertThatThrownBy(() -> contract.invoke(context.nextTransaction().as("Org2", "mallory"), "transfer", args("car-1", "Org2")))
                .isInstanceOf(ContractException.class)
                .hasMessage("only Org1 may transfer asset car-1");
    }

    @Test
    void a_duplicate_id_a_bad_id_and_a_bad_value_are_refused() {
        contract.invoke(context, "create", args("car-1", "", "1"));

        assertThatThrownBy(() -> contract.invoke(context, "create", args("car-1", "", "1")))
                .isInstanceOf(ContractException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> contract.invoke(context, "create", args("car/2", "", "1")))
                .isInstanceOf(ContractException.class).hasMessageContaining("[A-Za-z0-9._:-]");
        assertThatThrownBy(() -> contract.invoke(context, "create", args("x".repeat(129), "", "1")))
                .isInstanceOf(ContractException.class);
        assertThatThrownBy(() -> contract.invoke(context, "create", args("car-2", "", "-5")))
                .isInstanceOf(ContractException.class).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> contract.invoke(context, "create", args("car-2", "", "lots")))
                .isInstanceOf(ContractException.class);
    }

    @Test
    void an_asset_is_never_handed_to_an_organisation_outside_the_channel() {
        contract.invoke(context, "create", args("car-1", "", "1"));
        java.util.Map<String, String> before = new java.util.TreeMap<>();
        context.state().forEach((k, v) -> before.put(k, new String(v, UTF_8)));

        for (String nobody : new String[] {"nosuchorg", "\u0000", "org2", "Org2 ", "../../../../etc/passwd",
                "<script>alert(1)</script>"}) {
            assertThatThrownBy(() -> contract.invoke(context.nextTransaction(), "transfer", args("car-1", nobody)))
                    .as(nobody).isInstanceOf(ContractException.class)
                    .hasMessageContaining("is not an organisation of channel ch");
        }
        java.util.Map<String, String> after = new java.util.TreeMap<>();
        context.state().forEach((k, v) -> after.put(k, new String(v, UTF_8)));
        assertThat(after).isEqualTo(before);
        contract.invoke(context.nextTransaction(), "transfer", args("car-1", "Org3"));
    }

    @Test
    void values_are_canonical_whole_numbers_and_ids_are_not_only_dots() {
        for (String value : new String[] {"1.5", "+5", "007", " 5", "5 ", "\u0665", "1e3", "9223372036854775808", ""}) {
            assertThatThrownBy(() -> contract.invoke(context, "create", args("car-x", "", value)))
                    .as(value).isInstanceOf(ContractException.class).hasMessageContaining("non-negative whole number");
        }
        for (String id : new String[] {".", "..", "..."}) {
            assertThatThrownBy(() -> contract.invoke(context, "create", args(id, "", "1")))
                    .as(id).isInstanceOf(ContractException.class).hasMessageContaining("not only dots");
        }
        assertThat(context.state()).isEmpty();
        contract.invoke(context, "create", args("v1.2", "", "0"));
        contract.invoke(context.nextTransaction(), "create", args(".hidden", "", Long.toString(Long.MAX_VALUE)));
    }

    @Test
    void reading_an_unknown_asset_is_refused() {
        assertThatThrownBy(() -> contract.invoke(context, "read", args("ghost")))
                .isInstanceOf(ContractException.class).hasMessage("asset ghost does not exist");
        assertThatThrownBy(() -> contract.invoke(context, "history", args("ghost")))
                .isInstanceOf(ContractException.class);
    }

    private static JsonNode json(byte[] bytes) throws Exception {
        return JSON.readTree(new String(bytes, UTF_8));
    }
}
