package io.consortia.node.contracts;

import static io.consortia.node.contracts.FakeContractContext.args;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TokenContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenContract contract = new TokenContract();
    private final FakeContractContext context = new FakeContractContext();

    @Test
    void the_issuer_holds_the_initial_supply() throws Exception {
        JsonNode token = json(contract.invoke(context, "create", args("CNY-T", "Digital yuan (test)", "1000")));

        assertThat(token.get("issuer").asText()).isEqualTo("Org1/user1");
        assertThat(token.get("totalSupply").asLong()).isEqualTo(1000);
        assertThat(balance("CNY-T", "Org1/user1")).isEqualTo(1000);
        assertThat(balance("CNY-T", "Org2/bob")).isZero();
        assertThat(json(contract.invoke(context, "info", args("CNY-T"))).get("name").asText()).isEqualTo("Digital yuan (test)");
        assertThat(context.events()).containsExactly("token.created");
    }

    @Test
    void a_transfer_moves_the_amount_and_keeps_the_supply() throws Exception {
        contract.invoke(context, "create", args("T", "t", "1000"));

        JsonNode moved = json(contract.invoke(context.nextTransaction(), "transfer", args("T", "Org2/bob", "300")));
        contract.invoke(context.nextTransaction().as("Org2", "bob"), "transfer", args("T", "Org3/carol", "100"));

        assertThat(moved.get("from").asText()).isEqualTo("Org1/user1");
        assertThat(moved.get("fromBalance").asLong()).isEqualTo(700);
        assertThat(moved.get("toBalance").asLong()).isEqualTo(300);
        assertThat(balance("T", "Org1/user1")).isEqualTo(700);
        assertThat(balance("T", "Org2/bob")).isEqualTo(200);
        assertThat(balance("T", "Org3/carol")).isEqualTo(100);
        assertThat(sumOfBalances("T")).isEqualTo(1000);
        assertThat(context.events()).containsExactly("token.created", "token.transferred", "token.transferred");
    }

    @Test
    void tokens_are_never_sent_to_an_account_that_cannot_exist_and_amounts_are_not_coerced() throws Exception {
        contract.invoke(context, "create", args("T", "t", "10"));
        Map<String, String> before = snapshot();

        for (String nobody : new String[] {"nosuchorg/nobody", "../../../../etc/passwd", "Org2/<script>alert(1)</script>",
                "Org2/..", "Org2/.", "Org2/a/b", "Org2/bob smith", "Org2/\u0000", "\u0000/bob", "org2/bob",
                "Org2/" + "x".repeat(129)}) {
            assertThatThrownBy(() -> contract.invoke(context.nextTransaction(), "transfer", args("T", nobody, "1")))
                    .as(nobody).isInstanceOf(ContractException.class).hasMessageStartingWith("transfer: toAccount");
        }
        for (String amount : new String[] {"1.5", "+1", "01", "\u0661", "1 ", "0x1"}) {
            assertThatThrownBy(() -> contract.invoke(context.nextTransaction(), "transfer", args("T", "Org2/bob", amount)))
                    .as(amount).isInstanceOf(ContractException.class).hasMessageContaining("non-negative whole number");
        }
        for (String symbol : new String[] {".", ".."}) {
            assertThatThrownBy(() -> contract.invoke(context.nextTransaction(), "create", args(symbol, "t", "1")))
                    .as(symbol).isInstanceOf(ContractException.class).hasMessageContaining("not only dots");
        }
        assertThat(snapshot()).isEqualTo(before);

        contract.invoke(context.nextTransaction(), "transfer", args("T", "Org2/bob.smith@example-1", "1"));
        contract.invoke(context.nextTransaction(), "transfer", args("T", "Org3/张伟", "1"));
        assertThat(balance("T", "Org3/张伟")).isEqualTo(1);
    }

    /** The platform's applications sign as {@code app:<name>} (up to 68 characters): they can be paid, and pay back. */
    @Test
    void an_applications_account_receives_tokens_and_sends_them_on() throws Exception {
        contract.invoke(context, "create", args("T", "t", "10"));
        String application = "Org2/app:" + "loan-system-of-the-bank-".repeat(2) + "x".repeat(16);

        contract.invoke(context.nextTransaction(), "transfer", args("T", application, "4"));
        contract.invoke(context.nextTransaction().as("Org2", application.substring(5)), "transfer",
                args("T", "Org3/app:erp", "1"));

        assertThat(balance("T", application)).isEqualTo(3);
        assertThat(balance("T", "Org3/app:erp")).isEqualTo(1);
    }

    @Test
    void a_short_balance_a_self_transfer_and_bad_amounts_are_refused_and_change_nothing() {
        contract.invoke(context, "create", args("T", "t", "10"));
        Map<String, String> before = snapshot();

        assertThatThrownBy(() -> contract.invoke(context.nextTransaction(), "transfer", args("T", "Org2/bob", "11")))
                .isInstanceOf(ContractException.class).hasMessage("transfer: Org1/user1 holds 10 T, less than 11");
        assertThatThrownBy(() -> contract.invoke(context.as("Org2", "bob"), "transfer", args("T", "Org1/user1", "1")))
                .isInstanceOf(ContractException.class).hasMessage("transfer: Org2/bob holds 0 T, less than 1");
        assertThatThrownBy(() -> contract.invoke(context.as("Org1", "user1"), "transfer", args("T", "Org1/user1", "1")))
                .isInstanceOf(ContractException.class).hasMessageContaining("cannot transfer to itself");
        assertThatThrownBy(() -> contract.invoke(context, "transfer", args("T", "Org2/bob", "0")))
                .isInstanceOf(ContractException.class).hasMessage("transfer: amount must be positive");
        assertThatThrownBy(() -> contract.invoke(context, "transfer", args("T", "Org2/bob", "-1")))
                .isInstanceOf(ContractException.class).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> contract.invoke(context, "transfer", args("T", "bob", "1")))
                .isInstanceOf(ContractException.class).hasMessageContaining("<organisation>/<name>");
        assertThatThrownBy(() -> contract.invoke(context, "transfer", args("NOPE", "Org2/bob", "1")))
                .isInstanceOf(ContractException.class).hasMessage("token NOPE does not exist");

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void only_the_issuer_mints_and_the_supply_cannot_overflow() throws Exception {
        contract.invoke(context, "create", args("T", "t", "10"));

        JsonNode minted = json(contract.invoke(context.nextTransaction(), "mint", args("T", "5")));

        assertThat(minted.get("totalSupply").asLong()).isEqualTo(15);
        assertThat(balance("T", "Org1/user1")).isEqualTo(15);
        assertThatThrownBy(() -> contract.invoke(context.as("Org2", "bob"), "mint", args("T", "5")))
                .isInstanceOf(ContractException.class).hasMessage("only the issuer Org1/user1 may mint T");
        assertThatThrownBy(() -> contract.invoke(context.as("Org1", "user2"), "mint", args("T", "5")))
                .isInstanceOf(ContractException.class);
        assertThatThrownBy(() -> contract.invoke(context.as("Org1", "user1"), "mint", args("T", Long.toString(Long.MAX_VALUE))))
                .isInstanceOf(ContractException.class).hasMessageContaining("would exceed");
        assertThat(balance("T", "Org1/user1")).isEqualTo(15);
    }

    @Test
    void burning_takes_the_amount_off_the_holder_and_the_supply() throws Exception {
        contract.invoke(context, "create", args("T", "t", "10"));
        contract.invoke(context.nextTransaction(), "transfer", args("T", "Org2/bob", "4"));

        JsonNode token = json(contract.invoke(context.nextTransaction().as("Org2", "bob"), "burn", args("T", "3")));

        assertThat(token.get("totalSupply").asLong()).isEqualTo(7);
        assertThat(balance("T", "Org2/bob")).isEqualTo(1);
        assertThat(sumOfBalances("T")).isEqualTo(7);
        assertThatThrownBy(() -> contract.invoke(context, "burn", args("T", "2")))
                .isInstanceOf(ContractException.class).hasMessage("burn: Org2/bob holds 1 T, less than 2");
    }

    @Test
    void a_symbol_is_issued_once_and_must_be_an_identifier() {
        contract.invoke(context, "create", args("T", "t", "1"));

        assertThatThrownBy(() -> contract.invoke(context.as("Org2", "bob"), "create", args("T", "mine", "1")))
                .isInstanceOf(ContractException.class).hasMessage("token T already exists");
        assertThatThrownBy(() -> contract.invoke(context, "create", args("A/B", "t", "1")))
                .isInstanceOf(ContractException.class).hasMessageContaining("[A-Za-z0-9._:-]");
        assertThatThrownBy(() -> contract.invoke(context, "create", args("U", " ", "1")))
                .isInstanceOf(ContractException.class).hasMessageContaining("name must be");
    }

    @Test
    void account_names_the_caller_and_reads_are_read_only() throws Exception {
        assertThat(json(contract.invoke(context.as("Org2", "bob"), "account", args())).get("account").asText())
                .isEqualTo("Org2/bob");
        assertThat(contract.isReadOnly("balance")).isTrue();
        assertThat(contract.isReadOnly("info")).isTrue();
        assertThat(contract.isReadOnly("transfer")).isFalse();
        assertThatThrownBy(() -> contract.invoke(context, "account", args("x")))
                .isInstanceOf(ContractException.class).hasMessageContaining("account()");
    }

    private long balance(String symbol, String account) throws Exception {
        return json(contract.invoke(context, "balance", args(symbol, account))).get("balance").asLong();
    }

    private long sumOfBalances(String symbol) {
        return context.state().entrySet().stream()
                .filter(e -> e.getKey().startsWith("balance/" + symbol + "/"))
                .mapToLong(e -> Long.parseLong(new String(e.getValue(), UTF_8)))
                .sum();
    }

    private Map<String, String> snapshot() {
        Map<String, String> copy = new TreeMap<>();
        context.state().forEach((k, v) -> copy.put(k, new String(v, UTF_8)));
        return copy;
    }

    private static JsonNode json(byte[] bytes) throws Exception {
        return JSON.readTree(new String(bytes, UTF_8));
    }
}
