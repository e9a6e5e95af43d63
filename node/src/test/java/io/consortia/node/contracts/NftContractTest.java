package io.consortia.node.contracts;

import static io.consortia.node.contracts.FakeContractContext.args;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NftContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ACCOUNTS = List.of("Org1/user1", "Org1/user2", "Org2/bob", "Org3/carol");

    private final NftContract contract = new NftContract();
    private final FakeContractContext context = new FakeContractContext();

    @Test
    void the_creator_organisation_mints_and_the_owner_is_recorded_everywhere() throws Exception {
        JsonNode collection = call("createCollection", "art", "Art works");
        assertThat(collection.get("admin").asText()).isEqualTo("Org1/user1");
        assertThat(collection.get("minters").toString()).isEqualTo("[\"Org1\"]");

        JsonNode token = call("mint", "art", "a-1", "Org2/bob", "ipfs://cid-1");

        assertThat(token.get("owner").asText()).isEqualTo("Org2/bob");
        assertThat(token.get("minter").asText()).isEqualTo("Org1/user1");
        assertThat(read("ownerOf", "art", "a-1").get("owner").asText()).isEqualTo("Org2/bob");
        assertThat(read("tokenURI", "art", "a-1").get("tokenURI").asText()).isEqualTo("ipfs://cid-1");
        assertThat(read("balanceOf", "art", "Org2/bob").get("balance").asLong()).isEqualTo(1);
        assertThat(read("tokensOf", "art", "Org2/bob").get("tokenIds").toString()).isEqualTo("[\"a-1\"]");
        assertThat(context.events()).containsExactly("nft.collectionCreated", "nft.minted", "nft.transferred");
    }

    @Test
    void only_minter_organisations_mint_and_only_the_admin_changes_them() throws Exception {
        call("createCollection", "art", "Art");
        Map<String, String> before = snapshot();

        context.as("Org2", "bob");
        assertThatThrownBy(() -> call("mint", "art", "a-1", "Org2/bob", "")).hasMessageContaining("may not mint");
        assertThatThrownBy(() -> call("addMinter", "art", "Org2")).hasMessageContaining("only the admin Org1/user1");
        context.as("Org1", "user2"); // same organisation, not the admin
        assertThatThrownBy(() -> call("addMinter", "art", "Org2")).hasMessageContaining("only the admin");
        context.as("Org1", "user1");
        assertThatThrownBy(() -> call("addMinter", "art", "NoSuchOrg")).hasMessageContaining("not an organisation");
        assertThat(snapshot()).isEqualTo(before);

        assertThat(call("addMinter", "art", "Org2").get("minters").toString()).isEqualTo("[\"Org1\",\"Org2\"]");
        context.as("Org2", "bob");
        call("mint", "art", "b-1", "Org2/bob", "");
        context.as("Org1", "user1");
        call("removeMinter", "art", "Org2");
        context.as("Org2", "bob");
        assertThatThrownBy(() -> call("mint", "art", "b-2", "Org2/bob", "")).hasMessageContaining("may not mint");
        // a member of a minter organisation other than the admin mints too
        context.as("Org1", "user2");
        call("mint", "art", "c-1", "Org1/user2", "");
        assertThatThrownBy(() -> call("mint", "art", "c-1", "Org1/user2", "")).hasMessageContaining("already exists");
    }

    @Test
    void only_the_owner_an_approved_account_or_an_operator_transfers() throws Exception {
        call("createCollection", "art", "Art");
        call("mint", "art", "a-1", "Org2/bob", "");
        Map<String, String> before = snapshot();

        for (String[] who : new String[][] {{"Org1", "user1"}, {"Org3", "carol"}, {"Org2", "mallory"}}) {
            context.as(who[0], who[1]);
            assertThatThrownBy(() -> call("transfer", "art", "a-1", "Org3/carol"))
                    .as("%s/%s", who[0], who[1]).hasMessageContaining("neither the owner Org2/bob");
            assertThatThrownBy(() -> call("approve", "art", "a-1", "Org3/carol")).hasMessageContaining("neither the owner");
        }
        assertThat(snapshot()).isEqualTo(before);

        context.as("Org2", "bob");
        call("approve", "art", "a-1", "Org3/carol");
        assertThat(read("getApproved", "art", "a-1").get("approved").asText()).isEqualTo("Org3/carol");
        context.as("Org3", "carol");
        assertThatThrownBy(() -> call("approve", "art", "a-1", "Org1/user1"))
                .as("an approved account transfers but does not approve others").hasMessageContaining("neither the owner");
        JsonNode moved = call("transfer", "art", "a-1", "Org1/user1");
        assertThat(moved.get("owner").asText()).isEqualTo("Org1/user1");
        assertThat(moved.get("approved").asText()).as("a transfer clears the approval").isEmpty();
        assertThatThrownBy(() -> call("transfer", "art", "a-1", "Org3/carol")).hasMessageContaining("neither the owner");

        context.as("Org1", "user1");
        call("setApprovalForAll", "art", "Org2/bob", "true");
        assertThat(read("isApprovedForAll", "art", "Org1/user1", "Org2/bob").get("approved").asBoolean()).isTrue();
        context.as("Org2", "bob");
        call("transfer", "art", "a-1", "Org2/bob");
        assertThat(read("ownerOf", "art", "a-1").get("owner").asText()).isEqualTo("Org2/bob");
        context.as("Org1", "user1");
        call("setApprovalForAll", "art", "Org2/bob", "false");
        assertThat(read("isApprovedForAll", "art", "Org1/user1", "Org2/bob").get("approved").asBoolean()).isFalse();
    }

    @Test
    void an_application_can_be_minted_to() throws Exception {
        call("createCollection", "art", "Art");

        call("mint", "art", "a-1", "Org2/app:erp", "");

        assertThat(read("ownerOf", "art", "a-1").get("owner").asText()).isEqualTo("Org2/app:erp");
    }

    @Test
    void bad_input_is_refused_and_changes_nothing() throws Exception {
        call("createCollection", "art", "Art");
        call("mint", "art", "a-1", "Org1/user1", "");
        Map<String, String> before = snapshot();

        assertThatThrownBy(() -> call("createCollection", "art", "again")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> call("mint", "nope", "x", "Org1/user1", "")).hasMessageContaining("collection nope does not exist");
        assertThatThrownBy(() -> call("mint", "art", "a/b", "Org1/user1", "")).hasMessageContaining("tokenId must be");
        assertThatThrownBy(() -> call("mint", "art", "x", "NoOrg/bob", "")).hasMessageContaining("not an organisation");
        assertThatThrownBy(() -> call("mint", "art", "x", "Org2/a/b", "")).hasMessageContaining("toAccount must be");
        assertThatThrownBy(() -> call("mint", "art", "x", "Org2/bob", "u".repeat(NftContract.MAX_URI + 1)))
                .hasMessageContaining("tokenURI must be at most");
        assertThatThrownBy(() -> call("transfer", "art", "nope", "Org2/bob")).hasMessageContaining("token nope does not exist");
        assertThatThrownBy(() -> call("transfer", "art", "a-1", "Org1/user1")).hasMessageContaining("already belongs");
        assertThatThrownBy(() -> call("setApprovalForAll", "art", "Org2/bob", "yes")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> call("setApprovalForAll", "art", "Org1/user1", "true")).hasMessageContaining("its own operator");
        assertThatThrownBy(() -> call("approve", "art", "a-1", "Org1/user1")).hasMessageContaining("its own token");
        assertThatThrownBy(() -> call("mint", "art", "x")).hasMessageContaining("mint takes 4 arguments");
        assertThatThrownBy(() -> read("mint", "art", "x", "Org2/bob", "")).as("a read-only call writes nothing")
                .hasMessageContaining("read-only");
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Accounts whose CN contains '/' cannot see each other's tokens through the enumeration prefix. */
    @Test
    void enumeration_keeps_accounts_apart_even_when_one_name_extends_another() throws Exception {
        call("createCollection", "art", "Art");
        context.as("Org1", "al");
        call("createCollection", "other", "Other");
        context.as("Org1", "user1");
        call("mint", "art", "t-1", "Org1/al", "");
        context.as("Org1", "al/x"); // a CN may contain '/' though a recipient name may not
        call("createCollection", "mine", "Mine");
        call("mint", "mine", "m-1", "Org1/al", "");
        assertThat(read("tokensOf", "art", "Org1/al").get("tokenIds").toString()).isEqualTo("[\"t-1\"]");
        assertThat(read("tokensOf", "art", "Org1/al/x").get("tokenIds").toString()).isEqualTo("[]");
        assertThat(read("tokensOf", "mine", "Org1/al").get("tokenIds").toString()).isEqualTo("[\"m-1\"]");
    }

    /**
     * Random mints, transfers, approvals and refused calls by random callers: after every step each token has
     * exactly one owner, the owners' enumerations partition the tokens, and only the owner (or its delegates)
     * ever moved a token.
     */
    @Test
    void every_token_has_exactly_one_owner_and_enumeration_matches_owner_of_after_random_operations() throws Exception {
        Random random = new Random(19);
        call("createCollection", "art", "Art");
        call("addMinter", "art", "Org2");
        Map<String, String> owners = new HashMap<>();
        Map<String, String> approved = new HashMap<>();
        int refused = 0;
        for (int step = 0; step < 400; step++) {
            String caller = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
            context.nextTransaction().as(caller.substring(0, 4), caller.substring(5));
            String to = ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
            String token = "t-" + random.nextInt(12);
            int op = random.nextInt(3);
            try {
                if (op == 0) {
                    call("mint", "art", token, to, "uri-" + token);
                    assertThat(owners).as("mint succeeded").doesNotContainKey(token);
                    assertThat(caller).doesNotStartWith("Org3");
                    owners.put(token, to);
                } else if (op == 1) {
                    call("transfer", "art", token, to);
                    assertThat(caller).as("transfer of %s by %s", token, caller)
                            .isIn(owners.get(token), approved.get(token));
                    owners.put(token, to);
                    approved.remove(token);
                } else {
                    call("approve", "art", token, to);
                    assertThat(caller).isEqualTo(owners.get(token));
                    approved.put(token, to);
                }
            } catch (ContractException e) {
                refused++;
            }
            assertOwnership(owners);
        }
        assertThat(refused).as("the walk exercised refusals").isGreaterThan(50);
        assertThat(owners).as("the walk minted tokens").hasSizeGreaterThan(5);
    }

    private void assertOwnership(Map<String, String> expected) throws Exception {
        Map<String, String> enumerated = new TreeMap<>();
        long total = 0;
        for (String account : ACCOUNTS) {
            JsonNode ids = read("tokensOf", "art", account).get("tokenIds");
            assertThat(read("balanceOf", "art", account).get("balance").asLong()).isEqualTo(ids.size());
            total += ids.size();
            for (JsonNode id : ids) {
                assertThat(enumerated.put(id.asText(), account)).as("token %s enumerated twice", id.asText()).isNull();
                assertThat(read("ownerOf", "art", id.asText()).get("owner").asText()).isEqualTo(account);
            }
        }
        assertThat(total).isEqualTo(expected.size());
        assertThat(enumerated).isEqualTo(new TreeMap<>(expected));
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
