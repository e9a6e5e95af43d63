package io.consortia.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Typed calls of the built-in {@code nft} contract (ERC-721-like tokens in collections; see
 * docs/protocol.md). Accounts are {@code <organisation>/<certificate CN>}; {@link #account()} tells
 * the caller its own. Submits throw as {@link Contract#submit} does (a refusal by the contract is a
 * {@link CommitException} with code CONTRACT_REJECTED and the contract's reason); reads as
 * {@link Contract#evaluate} does.
 *
 * <pre>{@code
 * NftClient nft = NftClient.on(gateway.channel("main"));
 * nft.createCollection("art", "Art works");
 * nft.mint("art", "a-1", "org2/alice", "ipfs://...");
 * String owner = nft.ownerOf("art", "a-1");       // "org2/alice"
 * }</pre>
 */
public final class NftClient {
    /** The contract's name on every channel. */
    public static final String CONTRACT = "nft";

    private final Contract contract;

    private NftClient(Contract contract) {
        this.contract = contract;
    }

    public static NftClient on(Channel channel) {
        return new NftClient(Objects.requireNonNull(channel, "channel").contract(CONTRACT));
    }

    /** A new collection; the caller's account is its admin and the caller's organisation its first minter. */
    public SubmitResult createCollection(String collection, String name) {
        return contract.submit("createCollection", collection, name);
    }

    /** Admin only: members of {@code organization} may mint in the collection. */
    public SubmitResult addMinter(String collection, String organization) {
        return contract.submit("addMinter", collection, organization);
    }

    public SubmitResult removeMinter(String collection, String organization) {
        return contract.submit("removeMinter", collection, organization);
    }

    public SubmitResult mint(String collection, String tokenId, String toAccount, String tokenUri) {
        return contract.submit("mint", collection, tokenId, toAccount, tokenUri);
    }

    /** By the owner, the token's approved account or an operator of the owner. */
    public SubmitResult transfer(String collection, String tokenId, String toAccount) {
        return contract.submit("transfer", collection, tokenId, toAccount);
    }

    /** {@code account} may transfer the token until it moves; "" clears the approval. */
    public SubmitResult approve(String collection, String tokenId, String account) {
        return contract.submit("approve", collection, tokenId, account);
    }

    public SubmitResult setApprovalForAll(String collection, String operator, boolean approved) {
        return contract.submit("setApprovalForAll", collection, operator, Boolean.toString(approved));
    }

    public String ownerOf(String collection, String tokenId) {
        return read("ownerOf", collection, tokenId).get("owner").asText();
    }

    public String tokenUri(String collection, String tokenId) {
        return read("tokenURI", collection, tokenId).get("tokenURI").asText();
    }

    /** The account approved for the token, "" for none. */
    public String approved(String collection, String tokenId) {
        return read("getApproved", collection, tokenId).get("approved").asText();
    }

    public long balanceOf(String collection, String account) {
        return read("balanceOf", collection, account).get("balance").asLong();
    }

    /** The account's token ids in the collection, ascending. */
    public List<String> tokensOf(String collection, String account) {
        List<String> ids = new ArrayList<>();
        read("tokensOf", collection, account).get("tokenIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    public boolean isApprovedForAll(String collection, String owner, String operator) {
        return read("isApprovedForAll", collection, owner, operator).get("approved").asBoolean();
    }

    /** The caller's own account, as the contract sees it. */
    public String account() {
        return read("account").get("account").asText();
    }

    /** The collection as JSON: name, admin, minters. */
    public JsonNode collection(String collection) {
        return read("collection", collection);
    }

    private JsonNode read(String function, String... args) {
        return ContractJson.parse(contract.evaluate(function, args), CONTRACT + "." + function);
    }
}
