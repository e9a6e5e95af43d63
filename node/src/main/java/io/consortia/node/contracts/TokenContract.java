package io.consortia.node.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Set;

/**
 * Fungible tokens (通证): any member may issue a token under a new symbol; balances belong to
 * accounts, and only an account's holder can spend from it. Arguments are UTF-8 strings; results
 * are UTF-8 JSON. Symbols are 1–128 characters of {@code [A-Za-z0-9._:-]}; amounts are whole
 * numbers (the smallest unit — decimals are the application's display choice) up to
 * {@link Long#MAX_VALUE} in total.
 *
 * <p>An account is the signing identity: {@code <organisation>/<certificate CN>}, for example
 * {@code Org1/alice}. {@code account()} tells callers their own. A transfer's receiver must be an
 * account that can exist: its organisation a member of the channel and its name 1–128 letters,
 * digits or {@code . _ @ + - :}, not only dots (a certificate CN as the platform issues them, a
 * person's or an application's {@code app:<name>}).
 * Sending to a well-formed account nobody holds yet is allowed (its holder may not have
 * transacted yet), so a mistyped name is the sender's loss; applications should read the
 * receiver's account from it first.
 *
 * <ul>
 *   <li>{@code create(symbol, name, initialSupply)} — a new token; the caller becomes its issuer
 *       and holds the initial supply. Refused if the symbol exists. Emits {@code token.created}.
 *       Returns the token {@code {"symbol","name","issuer","totalSupply","transactionId","timestampMillis"}}.</li>
 *   <li>{@code mint(symbol, amount)} — issuer only: adds {@code amount} to the issuer's balance
 *       and to the supply. Emits {@code token.minted}; returns the token.</li>
 *   <li>{@code transfer(symbol, toAccount, amount)} — moves a positive amount from the caller's
 *       account; refused when the balance is short. Emits {@code token.transferred}; returns
 *       {@code {"symbol","from","to","amount","fromBalance","toBalance"}}.</li>
 *   <li>{@code burn(symbol, amount)} — destroys a positive amount of the caller's balance and
 *       takes it off the supply. Emits {@code token.burned}; returns the token.</li>
 *   <li>{@code balance(symbol, account)} (read-only) — {@code {"symbol","account","balance"}}.</li>
 *   <li>{@code info(symbol)} (read-only) — the token.</li>
 *   <li>{@code account()} (read-only) — {@code {"account"}}: the caller's own account.</li>
 * </ul>
 *
 * <p>State: {@code token/<symbol>} → the token; {@code balance/<symbol>/<account>} → the balance
 * in decimal (symbols cannot contain '/', so the account is everything after the second '/').
 * Transfers of one symbol all touch the same few balance keys; that costs nothing here because
 * the node executes a block's transactions one after the other, not optimistically in parallel.
 */
public final class TokenContract extends BuiltInContract {
    public static final String NAME = "token";
    static final int MAX_NAME = 256;
    /** Organisation and CN are each bounded by the certificate profile; this only stops abuse of state keys. */
    static final int MAX_ACCOUNT = 512;
    private static final Set<String> FUNCTIONS = Set.of("create", "mint", "transfer", "burn", "balance", "info", "account");
    private static final Set<String> READ_ONLY = Set.of("balance", "info", "account");

    public TokenContract() {
        super(NAME, FUNCTIONS, READ_ONLY);
    }

    @JsonPropertyOrder({"symbol", "name", "issuer", "totalSupply", "transactionId", "timestampMillis"})
    public record Token(String symbol, String name, String issuer, long totalSupply, String transactionId,
            long timestampMillis) {}

    @JsonPropertyOrder({"symbol", "from", "to", "amount", "fromBalance", "toBalance"})
    public record Transfer(String symbol, String from, String to, long amount, long fromBalance, long toBalance) {}

    @JsonPropertyOrder({"symbol", "account", "balance"})
    public record Balance(String symbol, String account, long balance) {}

    @JsonPropertyOrder({"account"})
    public record Account(String account) {}

    @Override
    public byte[] invoke(ContractContext context, String function, List<ByteString> args) {
        return switch (function) {
            case "create" -> create(context, Arguments.of(function, args, 3, 3, "create(symbol, name, initialSupply)"));
            case "mint" -> mint(context, Arguments.of(function, args, 2, 2, "mint(symbol, amount)"));
            case "transfer" -> transfer(context, Arguments.of(function, args, 3, 3, "transfer(symbol, toAccount, amount)"));
            case "burn" -> burn(context, Arguments.of(function, args, 2, 2, "burn(symbol, amount)"));
            case "balance" -> balance(context, Arguments.of(function, args, 2, 2, "balance(symbol, account)"));
            case "info" -> Json.write(load(context, Arguments.of(function, args, 1, 1, "info(symbol)").id(0, "symbol")));
            case "account" -> {
                Arguments.of(function, args, 0, 0, "account()");
                yield Json.write(new Account(accountOf(context)));
            }
            default -> throw new ContractException("token has no function " + function);
        };
    }

    private static byte[] create(ContractContext context, Arguments args) {
        String symbol = args.id(0, "symbol");
        String name = args.nonBlank(1, "name", MAX_NAME);
        long supply = args.nonNegativeLong(2, "initialSupply");
        if (context.get(tokenKey(symbol)).isPresent()) {
            throw new ContractException("token " + symbol + " already exists");
        }
        String issuer = accountOf(context);
        Token token = new Token(symbol, name, issuer, supply, context.transactionId(), context.timestampMillis());
        setBalance(context, symbol, issuer, supply);
        return save(context, token, "token.created");
    }

    private static byte[] mint(ContractContext context, Arguments args) {
        Token token = load(context, args.id(0, "symbol"));
        long amount = positive(args, 1, "mint");
        String caller = accountOf(context);
        if (!caller.equals(token.issuer())) {
            throw new ContractException("only the issuer " + token.issuer() + " may mint " + token.symbol());
        }
        long supply = add(token.totalSupply(), amount, "mint: the supply of " + token.symbol());
        setBalance(context, token.symbol(), caller, balanceOf(context, token.symbol(), caller) + amount);
        return save(context, withSupply(context, token, supply), "token.minted");
    }

    private static byte[] transfer(ContractContext context, Arguments args) {
        String symbol = args.id(0, "symbol");
        String to = recipient(context, account(args, 1, "transfer", "toAccount"));
        long amount = positive(args, 2, "transfer");
        requireExists(context, symbol); // an unknown symbol is refused by name, not as a short balance
        String from = accountOf(context);
        if (from.equals(to)) {
            throw new ContractException("transfer: " + from + " cannot transfer to itself");
        }
        long fromBalance = balanceOf(context, symbol, from);
        if (fromBalance < amount) {
            throw new ContractException("transfer: " + from + " holds " + fromBalance + " " + symbol + ", less than " + amount);
        }
        // the supply bounds every balance, so the receiver's sum cannot overflow
        long toBalance = balanceOf(context, symbol, to) + amount;
        setBalance(context, symbol, from, fromBalance - amount);
        setBalance(context, symbol, to, toBalance);
        byte[] json = Json.write(new Transfer(symbol, from, to, amount, fromBalance - amount, toBalance));
        context.emit("token.transferred", json);
        return json;
    }

    private static byte[] burn(ContractContext context, Arguments args) {
        Token token = load(context, args.id(0, "symbol"));
        long amount = positive(args, 1, "burn");
        String caller = accountOf(context);
        long held = balanceOf(context, token.symbol(), caller);
        if (held < amount) {
            throw new ContractException("burn: " + caller + " holds " + held + " " + token.symbol() + ", less than " + amount);
        }
        setBalance(context, token.symbol(), caller, held - amount);
        return save(context, withSupply(context, token, token.totalSupply() - amount), "token.burned");
    }

    private static byte[] balance(ContractContext context, Arguments args) {
        String symbol = args.id(0, "symbol");
        String account = account(args, 1, "balance", "account");
        requireExists(context, symbol);
        return Json.write(new Balance(symbol, account, balanceOf(context, symbol, account)));
    }

    private static Token withSupply(ContractContext context, Token token, long supply) {
        return new Token(token.symbol(), token.name(), token.issuer(), supply, context.transactionId(), context.timestampMillis());
    }

    private static byte[] save(ContractContext context, Token token, String event) {
        byte[] json = Json.write(token);
        context.put(tokenKey(token.symbol()), json);
        context.emit(event, json);
        return json;
    }

    private static Token load(ContractContext context, String symbol) {
        return context.get(tokenKey(symbol))
                .map(bytes -> Json.read(bytes, Token.class))
                .orElseThrow(() -> unknown(symbol));
    }

    /** Whether the token exists, without parsing it: transfers do not need its fields. */
    private static void requireExists(ContractContext context, String symbol) {
        if (context.get(tokenKey(symbol)).isEmpty()) {
            throw unknown(symbol);
        }
    }

    private static ContractException unknown(String symbol) {
        return new RecordNotFoundException("token " + symbol + " does not exist");
    }

    static String accountOf(ContractContext context) {
        return context.creatorOrganization() + "/" + context.creatorName();
    }

    private static String account(Arguments args, int index, String function, String name) {
        String account = args.nonBlank(index, name, MAX_ACCOUNT);
        int slash = account.indexOf('/');
        if (slash <= 0 || slash == account.length() - 1) {
            throw new ContractException(function + ": " + name + " must be <organisation>/<name>, got '" + Arguments.abbreviate(account) + "'");
        }
        return account;
    }

    /** The receiver of a transfer: an account of a member organisation, with a name a certificate could carry. */
    private static String recipient(ContractContext context, String account) {
        int slash = account.indexOf('/');
        String organization = account.substring(0, slash);
        String name = account.substring(slash + 1);
        if (!context.isChannelMember(organization)) {
            throw new ContractException("transfer: toAccount's organisation '" + Arguments.abbreviate(organization)
                    + "' is not an organisation of channel " + context.channel() + "; the tokens would be lost");
        }
        if (!Accounts.recipientName(name)) {
            throw new ContractException("transfer: toAccount must be <organisation>/<name> with " + Accounts.RECIPIENT_RULE
                    + ", got '" + Arguments.abbreviate(account) + "'");
        }
        return account;
    }

    private static long positive(Arguments args, int index, String function) {
        long amount = args.nonNegativeLong(index, "amount");
        if (amount == 0) {
            throw new ContractException(function + ": amount must be positive");
        }
        return amount;
    }

    private static long add(long a, long b, String what) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new ContractException(what + " would exceed " + Long.MAX_VALUE);
        }
    }

    private static long balanceOf(ContractContext context, String symbol, String account) {
        return context.get(balanceKey(symbol, account)).map(bytes -> Long.parseLong(new String(bytes, UTF_8))).orElse(0L);
    }

    private static void setBalance(ContractContext context, String symbol, String account, long balance) {
        context.put(balanceKey(symbol, account), Long.toString(balance).getBytes(UTF_8));
    }

    private static String tokenKey(String symbol) {
        return "token/" + symbol;
    }

    private static String balanceKey(String symbol, String account) {
        return "balance/" + symbol + "/" + account;
    }
}
