package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.google.protobuf.ByteString;
import io.consortia.node.contracts.AssetTransferContract;
import io.consortia.node.contracts.Contract;
import io.consortia.node.contracts.ContractContext;
import io.consortia.node.contracts.ContractException;
import io.consortia.node.contracts.NftContract;
import io.consortia.node.contracts.TokenContract;
import io.consortia.node.contracts.TraceabilityContract;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.CurrentUser;
import io.consortia.platform.system.PlatformException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The REST asset endpoints refused ids the asset contract takes ("h1:colon:id", 100 characters), so
 * an asset created through the gateway could be neither read nor transferred over REST or in the
 * console. Every id the platform checks (in a body or in the path) is held here to what the
 * built-in contract that stores it accepts: the same ids in, the same ids out.
 */
class ContractIdRuleTest {
    private static final List<String> IDS = List.of("bond-1", "h1:colon:id", "urn:isbn:0451450523", "A.b_c-9",
            "a".repeat(100), "a".repeat(128), "a".repeat(129), ".", "..", "...", ".hidden", "a..b", "a/b", "a b",
            "a%2Fb", "", "资产", "a\n", "a\u0000");
    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    private final ContractService contracts = mock(ContractService.class);
    private final ContractController assets = new ContractController(contracts, mock(ConsortiumService.class),
            mock(CurrentUser.class));
    private final NftTraceabilityController nftAndBatches = new NftTraceabilityController(contracts,
            mock(CurrentUser.class));

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void an_asset_id_is_taken_in_the_body_and_the_path_exactly_when_the_asset_contract_takes_it() {
        Predicate<String> contract = id -> takes(new AssetTransferContract(), "create", id, "", "1");
        assertAgrees("POST .../assets assetId", contract,
                id -> valid(new ContractController.NewAsset(id, "", 1L)));
        assertAgrees("GET .../assets/{assetId}", contract, id -> path(() -> assets.readAsset(1, "main", id)));
        assertAgrees("GET .../assets/{assetId}/history", contract, id -> path(() -> assets.history(1, "main", id)));
        assertAgrees("POST .../assets/{assetId}/transfer", contract, id -> path(() -> assets.transfer(1, "main", id,
                new ContractController.Transfer("org2"))));
    }

    @Test
    void a_token_symbol_is_taken_exactly_when_the_token_contract_takes_it() {
        Predicate<String> contract = symbol -> takes(new TokenContract(), "create", symbol, "Coin", "1");
        assertAgrees("POST .../tokens symbol", contract,
                symbol -> valid(new ContractController.NewToken(symbol, "Coin", 1L)));
        assertAgrees("GET .../tokens/{symbol}", contract, symbol -> path(() -> assets.token(1, "main", symbol)));
    }

    @Test
    void nft_collections_and_token_ids_are_taken_exactly_when_the_nft_contract_takes_them() {
        Predicate<String> collection = id -> takes(new NftContract(), "createCollection", id, "Art");
        assertAgrees("POST .../nft-collections collection", collection,
                id -> valid(new NftTraceabilityController.NewCollection(id, "Art")));
        assertAgrees("GET .../nft-collections/{collection}", collection,
                id -> path(() -> nftAndBatches.collection(1, "main", id)));
        Predicate<String> tokenId = id -> {
            Context context = new Context();
            call(new NftContract(), context, "createCollection", "art", "Art");
            return takes(new NftContract(), context, "mint", "art", id, "org1/alice", "");
        };
        assertAgrees("POST .../tokens tokenId", tokenId,
                id -> valid(new NftTraceabilityController.Mint(id, "org1/alice", "")));
        assertAgrees("GET .../tokens/{tokenId}", tokenId,
                id -> path(() -> nftAndBatches.token(1, "main", "art", id)));
    }

    @Test
    void batch_ids_and_event_types_are_taken_exactly_when_the_traceability_contract_takes_them() {
        Predicate<String> batch = id -> takes(new TraceabilityContract(), "createBatch", id, "Tea");
        assertAgrees("POST .../batches batchId", batch,
                id -> valid(new NftTraceabilityController.NewBatch(id, "Tea", Map.of())));
        assertAgrees("GET .../batches/{batchId}", batch, id -> path(() -> nftAndBatches.batch(1, "main", id)));
        Predicate<String> type = t -> {
            Context context = new Context();
            call(new TraceabilityContract(), context, "createBatch", "b1", "Tea");
            return takes(new TraceabilityContract(), context, "recordEvent", "b1", t, "");
        };
        assertAgrees("POST .../batches/{batchId}/events type", type,
                t -> valid(new NftTraceabilityController.TraceEvent(t, "")));
    }

    @Test
    void the_consoles_asset_forms_take_ids_as_long_as_the_asset_contract_does() throws java.io.IOException {
        int longest = 128;
        assertThat(takes(new AssetTransferContract(), "create", "a".repeat(longest), "", "1")).isTrue();
        assertThat(takes(new AssetTransferContract(), "create", "a".repeat(longest + 1), "", "1")).isFalse();
        String page;
        try (var in = getClass().getResourceAsStream("/templates/console/contracts.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        java.util.regex.Matcher inputs = java.util.regex.Pattern.compile("<input name=\"assetId\"[^>]*>").matcher(page);
        List<String> found = inputs.results().map(java.util.regex.MatchResult::group).toList();
        assertThat(found).as("create, transfer and history forms").hasSize(3)
                .allSatisfy(input -> assertThat(input).contains("maxlength=\"" + longest + "\""));
    }

    private static void assertAgrees(String where, Predicate<String> contract, Predicate<String> platform) {
        for (String id : IDS) {
            assertThat(platform.test(id)).as("%s '%s' (%d characters): the contract %s it", where, id, id.length(),
                    contract.test(id) ? "takes" : "refuses").isEqualTo(contract.test(id));
        }
    }

    private static boolean valid(Object body) {
        return VALIDATOR.validate(body).isEmpty();
    }

    /** Whether a path id passes the controller's own check (the contract call after it is a mock's). */
    private static boolean path(Runnable call) {
        try {
            call.run();
            return true;
        } catch (PlatformException e) {
            return false;
        }
    }

    private static boolean takes(Contract contract, String function, String... args) {
        return takes(contract, new Context(), function, args);
    }

    /** Whether the contract took the call; any refusal counts, as every one of these calls is otherwise valid. */
    private static boolean takes(Contract contract, Context context, String function, String... args) {
        try {
            call(contract, context, function, args);
            return true;
        } catch (ContractException e) {
            return false;
        }
    }

    private static void call(Contract contract, Context context, String function, String... args) {
        contract.invoke(context, function, Arrays.stream(args).map(ByteString::copyFromUtf8).toList());
    }

    /** Empty state of channel main (org1, org2), written to by alice of org1. */
    private static final class Context implements ContractContext {
        private final TreeMap<String, byte[]> state = new TreeMap<>(
                (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

        @Override
        public String channel() {
            return "main";
        }

        @Override
        public String transactionId() {
            return "tx-1";
        }

        @Override
        public String creatorOrganization() {
            return "org1";
        }

        @Override
        public String creatorName() {
            return "alice";
        }

        @Override
        public boolean isChannelMember(String organization) {
            return organization.equals("org1") || organization.equals("org2");
        }

        @Override
        public long timestampMillis() {
            return 1_000;
        }

        @Override
        public long blockNumber() {
            return 1;
        }

        @Override
        public Optional<byte[]> get(String key) {
            return Optional.ofNullable(state.get(key));
        }

        @Override
        public void put(String key, byte[] value) {
            state.put(key, value);
        }

        @Override
        public void delete(String key) {
            state.remove(key);
        }

        @Override
        public void forEach(String prefix, BiPredicate<String, byte[]> visitor) {
            for (Map.Entry<String, byte[]> entry : state.tailMap(prefix).entrySet()) {
                if (!entry.getKey().startsWith(prefix) || !visitor.test(entry.getKey(), entry.getValue())) {
                    return;
                }
            }
        }

        @Override
        public void emit(String event, byte[] payload) {
            // events are not what this test is about
        }
    }
}
