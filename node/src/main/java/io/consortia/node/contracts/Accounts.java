package io.consortia.node.contracts;

import java.util.regex.Pattern;

/**
 * Accounts of the built-in contracts that hold things per person ({@link TokenContract},
 * {@link NftContract}): {@code <organisation>/<certificate CN>}, the signing identity, for
 * example {@code Org1/alice}. The rules are the token contract's, so one account means the same
 * holder in every contract. Public so that the platform checks REST input against this very rule.
 */
public final class Accounts {
    /** Organisation and CN are each bounded by the certificate profile; this only stops abuse of state keys. */
    static final int MAX_ACCOUNT = 512;
    /**
     * A name a certificate the platform issues could carry: a username, or an application's
     * {@code app:<name>} (the ':' keeps it apart from every person's), which is up to 68 characters.
     */
    private static final Pattern RECIPIENT_NAME = Pattern.compile("[\\p{L}\\p{N}._@+:-]{1,128}");
    public static final String RECIPIENT_RULE = "a name of 1-128 letters, digits or . _ @ + - : (not only dots)";

    private Accounts() {}

    /** The caller's own account. */
    static String of(ContractContext context) {
        return context.creatorOrganization() + "/" + context.creatorName();
    }

    /** An argument that names an account: {@code <organisation>/<name>}, both parts non-empty. */
    static String parse(Arguments args, int index, String function, String name) {
        String account = args.nonBlank(index, name, MAX_ACCOUNT);
        int slash = account.indexOf('/');
        if (slash <= 0 || slash == account.length() - 1) {
            throw new ContractException(function + ": " + name + " must be <organisation>/<name>, got '"
                    + Arguments.abbreviate(account) + "'");
        }
        return account;
    }

    /**
     * An account something is handed to: its organisation a member of the channel and its name one
     * a certificate could carry, so nothing is handed to a holder that can never sign.
     */
    static String recipient(ContractContext context, Arguments args, int index, String function, String name) {
        String account = parse(args, index, function, name);
        int slash = account.indexOf('/');
        String organization = account.substring(0, slash);
        String holder = account.substring(slash + 1);
        if (!context.isChannelMember(organization)) {
            throw new ContractException(function + ": " + name + "'s organisation '" + Arguments.abbreviate(organization)
                    + "' is not an organisation of channel " + context.channel());
        }
        if (!recipientName(holder)) {
            throw new ContractException(function + ": " + name + " must be <organisation>/<name> with "
                    + RECIPIENT_RULE + ", got '" + Arguments.abbreviate(account) + "'");
        }
        return account;
    }

    /** Whether {@code holder} (an account's part after the organisation) is a name a certificate could carry. */
    public static boolean recipientName(String holder) {
        return RECIPIENT_NAME.matcher(holder).matches() && !holder.chars().allMatch(c -> c == '.');
    }

    /**
     * An account inside a state key. Accounts may contain '/' (a CN can), so a bare account would
     * make {@code owned/c/Org1/al/} a prefix of {@code Org1/al/x}'s keys too; the length in front
     * makes every account's prefix its own.
     */
    static String key(String account) {
        return account.length() + ":" + account;
    }
}
