package io.consortia.node.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Non-fungible tokens (数字藏品, ERC-721-like). Tokens live in collections (one collection is what
 * one ERC-721 contract is on Ethereum); each token has exactly one owner account at all times,
 * {@code <organisation>/<certificate CN>} as in {@link TokenContract}. Arguments are UTF-8
 * strings; results are UTF-8 JSON. Collection and token ids are 1–128 characters of
 * {@code [A-Za-z0-9._:-]}, not only dots.
 *
 * <p>Who may mint: the organisations on the collection's minter list. Creating a collection puts
 * the creator's organisation on it and makes the creator's account the collection's admin, who
 * alone adds or removes minter organisations. Any member of a minter organisation may mint, so an
 * organisation mints through whichever of its people or services it gives a certificate to.
 *
 * <ul>
 *   <li>{@code createCollection(collection, name)} — emits {@code nft.collectionCreated}; returns the collection
 *       {@code {"collection","name","admin","minters","transactionId","timestampMillis"}}.</li>
 *   <li>{@code addMinter(collection, organization)}, {@code removeMinter(collection, organization)} — admin only;
 *       the organisation must be a channel member to be added. Emits {@code nft.mintersChanged}; returns the collection.</li>
 *   <li>{@code mint(collection, tokenId, toAccount, tokenURI)} — a minter organisation's member creates a token owned by
 *       {@code toAccount} (an account that can exist, as for token transfers); {@code tokenURI} 0–2048 characters.
 *       Emits {@code nft.minted} and {@code nft.transferred} (from ""); returns the token
 *       {@code {"collection","tokenId","owner","tokenURI","approved","minter","transactionId","timestampMillis"}}.</li>
 *   <li>{@code transfer(collection, tokenId, toAccount)} — by the owner, the token's approved account, or an operator
 *       of the owner; clears the token's approval. Emits {@code nft.transferred}
 *       {@code {"collection","tokenId","from","to"}}; returns the token.</li>
 *   <li>{@code approve(collection, tokenId, account)} — by the owner or an operator: {@code account} may transfer this
 *       token until it moves; an empty {@code account} clears the approval. Emits {@code nft.approved}
 *       {@code {"collection","tokenId","owner","approved"}}; returns the token.</li>
 *   <li>{@code setApprovalForAll(collection, operator, approved)} — {@code approved} "true" or "false": the operator
 *       may transfer and approve every token of the caller in the collection. Emits {@code nft.approvedForAll}
 *       {@code {"collection","owner","operator","approved"}}; returns the same.</li>
 *   <li>read-only: {@code collection(collection)}; {@code token(collection, tokenId)};
 *       {@code ownerOf(collection, tokenId)} → {@code {"collection","tokenId","owner"}};
 *       {@code tokenURI(collection, tokenId)} → {@code {"collection","tokenId","tokenURI"}};
 *       {@code balanceOf(collection, account)} → {@code {"collection","account","balance"}};
 *       {@code tokensOf(collection, account)} → {@code {"collection","account","tokenIds"}} in ascending id order;
 *       {@code getApproved(collection, tokenId)} → {@code {"collection","tokenId","approved"}};
 *       {@code isApprovedForAll(collection, owner, operator)} → {@code {"collection","owner","operator","approved"}};
 *       {@code account()} → {@code {"account"}}.</li>
 * </ul>
 *
 * <p>State: {@code collection/<c>} → the collection; {@code token/<c>/<id>} → the token (the one place its owner
 * is stored); {@code owned/<c>/<len:account>/<id>} → "1", the owner's index for enumeration, moved in the same
 * transaction as the owner; {@code operator/<c>/<len:owner>/<len:operator>} → "1". Accounts in keys carry their
 * length ({@link Accounts#key}) because a CN may contain '/'.
 */
public final class NftContract extends BuiltInContract {
    public static final String NAME = "nft";
    static final int MAX_NAME = 256;
    static final int MAX_URI = 2048;
    private static final Set<String> READ_ONLY = Set.of("collection", "token", "ownerOf", "tokenURI", "balanceOf",
            "tokensOf", "getApproved", "isApprovedForAll", "account");
    private static final Set<String> FUNCTIONS = union(READ_ONLY, Set.of("createCollection", "addMinter",
            "removeMinter", "mint", "transfer", "approve", "setApprovalForAll"));

    public NftContract() {
        super(NAME, FUNCTIONS, READ_ONLY);
    }

    @JsonPropertyOrder({"collection", "name", "admin", "minters", "transactionId", "timestampMillis"})
    public record Collection(String collection, String name, String admin, List<String> minters, String transactionId,
            long timestampMillis) {}

    @JsonPropertyOrder({"collection", "tokenId", "owner", "tokenURI", "approved", "minter", "transactionId", "timestampMillis"})
    public record Nft(String collection, String tokenId, String owner, String tokenURI, String approved, String minter,
            String transactionId, long timestampMillis) {}

    @JsonPropertyOrder({"collection", "tokenId", "from", "to"})
    public record Transfer(String collection, String tokenId, String from, String to) {}

    @JsonPropertyOrder({"collection", "tokenId", "owner", "approved"})
    public record Approval(String collection, String tokenId, String owner, String approved) {}

    @JsonPropertyOrder({"collection", "owner", "operator", "approved"})
    public record OperatorApproval(String collection, String owner, String operator, boolean approved) {}

    @JsonPropertyOrder({"collection", "tokenId", "owner"})
    public record Owner(String collection, String tokenId, String owner) {}

    @JsonPropertyOrder({"collection", "tokenId", "tokenURI"})
    public record TokenUri(String collection, String tokenId, String tokenURI) {}

    @JsonPropertyOrder({"collection", "account", "balance"})
    public record Balance(String collection, String account, long balance) {}

    @JsonPropertyOrder({"collection", "account", "tokenIds"})
    public record Tokens(String collection, String account, List<String> tokenIds) {}

    @JsonPropertyOrder({"collection", "tokenId", "approved"})
    public record Approved(String collection, String tokenId, String approved) {}

    @JsonPropertyOrder({"account"})
    public record Account(String account) {}

    @Override
    public byte[] invoke(ContractContext context, String function, List<ByteString> args) {
        return switch (function) {
            case "createCollection" -> createCollection(context, Arguments.of(function, args, 2, 2, "createCollection(collection, name)"));
            case "addMinter" -> changeMinters(context, Arguments.of(function, args, 2, 2, "addMinter(collection, organization)"), true);
            case "removeMinter" -> changeMinters(context, Arguments.of(function, args, 2, 2, "removeMinter(collection, organization)"), false);
            case "mint" -> mint(context, Arguments.of(function, args, 4, 4, "mint(collection, tokenId, toAccount, tokenURI)"));
            case "transfer" -> transfer(context, Arguments.of(function, args, 3, 3, "transfer(collection, tokenId, toAccount)"));
            case "approve" -> approve(context, Arguments.of(function, args, 3, 3, "approve(collection, tokenId, account)"));
            case "setApprovalForAll" -> setApprovalForAll(context,
                    Arguments.of(function, args, 3, 3, "setApprovalForAll(collection, operator, approved)"));
            case "collection" -> Json.write(collection(context, Arguments.of(function, args, 1, 1, "collection(collection)").id(0, "collection")));
            case "token" -> Json.write(token(context, Arguments.of(function, args, 2, 2, "token(collection, tokenId)")));
            case "ownerOf" -> {
                Nft nft = token(context, Arguments.of(function, args, 2, 2, "ownerOf(collection, tokenId)"));
                yield Json.write(new Owner(nft.collection(), nft.tokenId(), nft.owner()));
            }
            case "tokenURI" -> {
                Nft nft = token(context, Arguments.of(function, args, 2, 2, "tokenURI(collection, tokenId)"));
                yield Json.write(new TokenUri(nft.collection(), nft.tokenId(), nft.tokenURI()));
            }
            case "getApproved" -> {
                Nft nft = token(context, Arguments.of(function, args, 2, 2, "getApproved(collection, tokenId)"));
                yield Json.write(new Approved(nft.collection(), nft.tokenId(), nft.approved()));
            }
            case "balanceOf" -> {
                Arguments a = Arguments.of(function, args, 2, 2, "balanceOf(collection, account)");
                Collection c = collection(context, a.id(0, "collection"));
                String account = Accounts.parse(a, 1, function, "account");
                yield Json.write(new Balance(c.collection(), account, tokenIdsOf(context, c.collection(), account).size()));
            }
            case "tokensOf" -> {
                Arguments a = Arguments.of(function, args, 2, 2, "tokensOf(collection, account)");
                Collection c = collection(context, a.id(0, "collection"));
                String account = Accounts.parse(a, 1, function, "account");
                yield Json.write(new Tokens(c.collection(), account, tokenIdsOf(context, c.collection(), account)));
            }
            case "isApprovedForAll" -> {
                Arguments a = Arguments.of(function, args, 3, 3, "isApprovedForAll(collection, owner, operator)");
                Collection c = collection(context, a.id(0, "collection"));
                String owner = Accounts.parse(a, 1, function, "owner");
                String operator = Accounts.parse(a, 2, function, "operator");
                yield Json.write(new OperatorApproval(c.collection(), owner, operator, isOperator(context, c.collection(), owner, operator)));
            }
            case "account" -> {
                Arguments.of(function, args, 0, 0, "account()");
                yield Json.write(new Account(Accounts.of(context)));
            }
            default -> throw new ContractException("nft has no function " + function);
        };
    }

    private static byte[] createCollection(ContractContext context, Arguments args) {
        String id = args.id(0, "collection");
        String name = args.nonBlank(1, "name", MAX_NAME);
        if (context.get(collectionKey(id)).isPresent()) {
            throw new ContractException("collection " + id + " already exists");
        }
        Collection collection = new Collection(id, name, Accounts.of(context), List.of(context.creatorOrganization()),
                context.transactionId(), context.timestampMillis());
        return saveCollection(context, collection, "nft.collectionCreated");
    }

    private static byte[] changeMinters(ContractContext context, Arguments args, boolean add) {
        String function = add ? "addMinter" : "removeMinter";
        Collection collection = collection(context, args.id(0, "collection"));
        String organization = args.nonBlank(1, "organization", MAX_NAME);
        if (!collection.admin().equals(Accounts.of(context))) {
            throw new ContractException(function + ": only the admin " + collection.admin() + " of collection "
                    + collection.collection() + " may change its minters");
        }
        TreeSet<String> minters = new TreeSet<>(collection.minters());
        if (add) {
            if (!context.isChannelMember(organization)) {
                throw new ContractException("addMinter: '" + Arguments.abbreviate(organization)
                        + "' is not an organisation of channel " + context.channel());
            }
            if (!minters.add(organization)) {
                throw new ContractException("addMinter: " + organization + " already mints in " + collection.collection());
            }
        } else if (!minters.remove(organization)) {
            throw new ContractException("removeMinter: '" + Arguments.abbreviate(organization) + "' is not a minter of "
                    + collection.collection());
        }
        Collection changed = new Collection(collection.collection(), collection.name(), collection.admin(),
                List.copyOf(minters), context.transactionId(), context.timestampMillis());
        return saveCollection(context, changed, "nft.mintersChanged");
    }

    private static byte[] mint(ContractContext context, Arguments args) {
        Collection collection = collection(context, args.id(0, "collection"));
        String tokenId = args.id(1, "tokenId");
        String to = Accounts.recipient(context, args, 2, "mint", "toAccount");
        String uri = args.string(3, "tokenURI");
        if (uri.length() > MAX_URI) {
            throw new ContractException("mint: tokenURI must be at most " + MAX_URI + " characters");
        }
        if (!collection.minters().contains(context.creatorOrganization())) {
            throw new ContractException("mint: organisation " + context.creatorOrganization() + " may not mint in "
                    + collection.collection() + " (minters: " + String.join(", ", collection.minters()) + ")");
        }
        if (context.get(tokenKey(collection.collection(), tokenId)).isPresent()) {
            throw new ContractException("mint: token " + tokenId + " already exists in " + collection.collection());
        }
        Nft nft = new Nft(collection.collection(), tokenId, to, uri, "", Accounts.of(context), context.transactionId(),
                context.timestampMillis());
        byte[] json = saveToken(context, nft);
        context.put(ownedKey(nft.collection(), to, tokenId), ONE);
        context.emit("nft.minted", json);
        context.emit("nft.transferred", Json.write(new Transfer(nft.collection(), tokenId, "", to)));
        return json;
    }

    private static byte[] transfer(ContractContext context, Arguments args) {
        Nft nft = token(context, args);
        String to = Accounts.recipient(context, args, 2, "transfer", "toAccount");
        String caller = Accounts.of(context);
        if (!mayHandle(context, nft, caller, true)) {
            throw new ContractException("transfer: " + caller + " is neither the owner " + nft.owner()
                    + " of token " + nft.tokenId() + " nor approved for it");
        }
        if (to.equals(nft.owner())) {
            throw new ContractException("transfer: token " + nft.tokenId() + " already belongs to " + to);
        }
        Nft moved = new Nft(nft.collection(), nft.tokenId(), to, nft.tokenURI(), "", nft.minter(),
                context.transactionId(), context.timestampMillis());
        byte[] json = saveToken(context, moved);
        context.delete(ownedKey(nft.collection(), nft.owner(), nft.tokenId()));
        context.put(ownedKey(nft.collection(), to, nft.tokenId()), ONE);
        context.emit("nft.transferred", Json.write(new Transfer(nft.collection(), nft.tokenId(), nft.owner(), to)));
        return json;
    }

    private static byte[] approve(ContractContext context, Arguments args) {
        Nft nft = token(context, args);
        String approved = args.string(2, "account").isEmpty() ? "" : Accounts.recipient(context, args, 2, "approve", "account");
        String caller = Accounts.of(context);
        if (!mayHandle(context, nft, caller, false)) {
            throw new ContractException("approve: " + caller + " is neither the owner " + nft.owner()
                    + " of token " + nft.tokenId() + " nor an operator of the owner");
        }
        if (approved.equals(nft.owner())) {
            throw new ContractException("approve: the owner " + approved + " cannot be approved for its own token");
        }
        Nft changed = new Nft(nft.collection(), nft.tokenId(), nft.owner(), nft.tokenURI(), approved, nft.minter(),
                context.transactionId(), context.timestampMillis());
        byte[] json = saveToken(context, changed);
        context.emit("nft.approved", Json.write(new Approval(nft.collection(), nft.tokenId(), nft.owner(), approved)));
        return json;
    }

    private static byte[] setApprovalForAll(ContractContext context, Arguments args) {
        Collection collection = collection(context, args.id(0, "collection"));
        String operator = Accounts.recipient(context, args, 1, "setApprovalForAll", "operator");
        String flag = args.string(2, "approved");
        if (!flag.equals("true") && !flag.equals("false")) {
            throw new ContractException("setApprovalForAll: approved must be true or false, got '" + Arguments.abbreviate(flag) + "'");
        }
        String owner = Accounts.of(context);
        if (operator.equals(owner)) {
            throw new ContractException("setApprovalForAll: " + owner + " cannot be its own operator");
        }
        boolean approved = flag.equals("true");
        String key = operatorKey(collection.collection(), owner, operator);
        if (approved) {
            context.put(key, ONE);
        } else {
            context.delete(key);
        }
        byte[] json = Json.write(new OperatorApproval(collection.collection(), owner, operator, approved));
        context.emit("nft.approvedForAll", json);
        return json;
    }

    /** The owner and the owner's operators may transfer and approve; the token's approved account may only transfer. */
    private static boolean mayHandle(ContractContext context, Nft nft, String caller, boolean transferring) {
        return caller.equals(nft.owner())
                || transferring && caller.equals(nft.approved())
                || isOperator(context, nft.collection(), nft.owner(), caller);
    }

    private static boolean isOperator(ContractContext context, String collection, String owner, String operator) {
        return context.get(operatorKey(collection, owner, operator)).isPresent();
    }

    /** The owner's token ids, ascending: the index holds exactly the tokens whose record names this owner. */
    private static List<String> tokenIdsOf(ContractContext context, String collection, String account) {
        String prefix = "owned/" + collection + "/" + Accounts.key(account) + "/";
        List<String> ids = new ArrayList<>();
        context.forEach(prefix, (key, value) -> {
            ids.add(key.substring(prefix.length()));
            return true;
        });
        return ids;
    }

    private static byte[] saveCollection(ContractContext context, Collection collection, String event) {
        byte[] json = Json.write(collection);
        context.put(collectionKey(collection.collection()), json);
        context.emit(event, json);
        return json;
    }

    private static byte[] saveToken(ContractContext context, Nft nft) {
        byte[] json = Json.write(nft);
        context.put(tokenKey(nft.collection(), nft.tokenId()), json);
        return json;
    }

    private static Collection collection(ContractContext context, String id) {
        return context.get(collectionKey(id)).map(bytes -> Json.read(bytes, Collection.class))
                .orElseThrow(() -> new RecordNotFoundException("collection " + id + " does not exist"));
    }

    /** The token named by arguments 0 (collection) and 1 (token id). */
    private static Nft token(ContractContext context, Arguments args) {
        String collection = collection(context, args.id(0, "collection")).collection();
        String tokenId = args.id(1, "tokenId");
        return context.get(tokenKey(collection, tokenId)).map(bytes -> Json.read(bytes, Nft.class))
                .orElseThrow(() -> new RecordNotFoundException("token " + tokenId + " does not exist in " + collection));
    }

    private static final byte[] ONE = "1".getBytes(UTF_8);

    private static String collectionKey(String collection) {
        return "collection/" + collection;
    }

    private static String tokenKey(String collection, String tokenId) {
        return "token/" + collection + "/" + tokenId;
    }

    private static String ownedKey(String collection, String account, String tokenId) {
        return "owned/" + collection + "/" + Accounts.key(account) + "/" + tokenId;
    }

    private static String operatorKey(String collection, String owner, String operator) {
        return "operator/" + collection + "/" + Accounts.key(owner) + "/" + Accounts.key(operator);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
