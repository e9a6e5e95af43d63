package io.consortia.node.contracts;

import static io.consortia.node.contracts.FakeContractContext.args;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NotarizationContractTest {
    private static final String HASH = "AB".repeat(32);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotarizationContract contract = new NotarizationContract();
    private final FakeContractContext context = new FakeContractContext();

    @Test
    void a_recorded_document_can_be_read_back_with_its_submitter_and_transaction() throws Exception {
        contract.invoke(context, "record", args(HASH, "contract v2, signed"));

        JsonNode record = json(contract.invoke(context.readOnly(true), "get", args(HASH.toLowerCase())));

        assertThat(record.get("documentHash").asText()).isEqualTo("ab".repeat(32));
        assertThat(record.get("metadata").asText()).isEqualTo("contract v2, signed");
        assertThat(record.get("submitterOrganization").asText()).isEqualTo("Org1");
        assertThat(record.get("submitterName").asText()).isEqualTo("user1");
        assertThat(record.get("transactionId").asText()).isEqualTo("tx-1");
        assertThat(record.get("timestampMillis").asLong()).isEqualTo(1000);
        assertThat(record.get("blockNumber").asLong()).isEqualTo(1);
        assertThat(context.events()).containsExactly("notarized");
    }

    @Test
    void a_document_can_be_notarized_only_once() {
        contract.invoke(context, "record", args(HASH));

        assertThatThrownBy(() -> contract.invoke(context.nextTransaction().as("Org2", "bob"), "record", args(HASH.toLowerCase(), "again")))
                .isInstanceOf(ContractException.class)
                .hasMessage("document " + "ab".repeat(32) + " is already notarized in transaction tx-1");
    }

    @Test
    void a_hash_that_is_not_64_hex_characters_is_refused() {
        assertThatThrownBy(() -> contract.invoke(context, "record", args("abc")))
                .isInstanceOf(ContractException.class).hasMessageContaining("64 hexadecimal");
        assertThatThrownBy(() -> contract.invoke(context, "record", args("zz".repeat(32))))
                .isInstanceOf(ContractException.class);
        assertThat(context.state()).isEmpty();
    }

    @Test
    void metadata_over_4_kib_is_refused_and_exactly_4_kib_is_accepted() {
        assertThatThrownBy(() -> contract.invoke(context, "record", args(HASH, "x".repeat(4097))))
                .isInstanceOf(ContractException.class).hasMessageContaining("4096");

        contract.invoke(context, "record", args(HASH, "é".repeat(2048)));
    }

    @Test
    void a_wrong_argument_count_or_invalid_utf8_is_refused_with_the_usage() {
        assertThatThrownBy(() -> contract.invoke(context, "record", args()))
                .isInstanceOf(ContractException.class).hasMessageContaining("record(documentHash, [metadata])");
        assertThatThrownBy(() -> contract.invoke(context, "record",
                java.util.List.of(com.google.protobuf.ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xfe}))))
                .isInstanceOf(ContractException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void getting_an_unknown_document_says_it_is_not_notarized() {
        assertThatThrownBy(() -> contract.invoke(context, "get", args(HASH)))
                .isInstanceOf(ContractException.class).hasMessageContaining("not notarized");
    }

    @Test
    void listing_by_submitter_returns_only_that_organisations_records_in_hash_order() throws Exception {
        contract.invoke(context.as("A/B", "x"), "record", args("02".repeat(32)));
        contract.invoke(context.nextTransaction().as("A", "y"), "record", args("03".repeat(32)));
        contract.invoke(context.nextTransaction().as("A", "y"), "record", args("01".repeat(32)));

        JsonNode list = json(contract.invoke(context, "listBySubmitter", args("A")));

        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("documentHash").asText()).isEqualTo("01".repeat(32));
        assertThat(list.get(1).get("documentHash").asText()).isEqualTo("03".repeat(32));
        assertThat(json(contract.invoke(context, "listBySubmitter", args("Nobody")))).isEmpty();
    }

    @Test
    void get_and_list_are_read_only_and_record_is_not() {
        assertThat(contract.isReadOnly("get")).isTrue();
        assertThat(contract.isReadOnly("listBySubmitter")).isTrue();
        assertThat(contract.isReadOnly("record")).isFalse();
        assertThat(contract.hasFunction("delete")).isFalse();
    }

    private static JsonNode json(byte[] bytes) throws Exception {
        return JSON.readTree(new String(bytes, UTF_8));
    }
}
