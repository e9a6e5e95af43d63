package io.consortia.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token transfer: one token issued for the run, funded on every organisation's account before
 * the warm-up, then {@code token.transfer(symbol, next organisation's account, 1)} by every
 * client from its organisation's account. All transfers of an organisation debit the same
 * balance key and credit the next one's — hot keys by construction, which the node's in-order
 * execution absorbs without conflicts; every transfer is valid as long as the balance lasts,
 * and the funding outlasts any run (10<sup>15</sup> units per account). Transfers depend on no
 * earlier answer, so they are signed ahead like notarizations.
 */
final class TokenWorkload implements Workload {
    static final long FUNDING = 1_000_000_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String symbol;
    private final Map<String, String> accountByOrganization = new LinkedHashMap<>();

    TokenWorkload(long run) {
        this.symbol = "BENCH-" + Long.toHexString(run);
    }

    @Override
    public String name() {
        return "token";
    }

    @Override
    public String description() {
        return "token.transfer(" + symbol + ", next organisation's account, 1) — one shared token, one hot balance per organisation";
    }

    @Override
    public int minimumOrganizations() {
        return 2;
    }

    @Override
    public void prepare(Map<String, Channel> channelByOrganization) {
        channelByOrganization.forEach((org, channel) -> accountByOrganization.put(org, accountOf(channel)));
        Map.Entry<String, Channel> issuer = channelByOrganization.entrySet().iterator().next();
        List<Transaction> funding = new ArrayList<>();
        funding.add(issuer.getValue().newTransaction("token", "create", symbol, "benchmark token",
                Long.toString(FUNDING * channelByOrganization.size())));
        accountByOrganization.forEach((org, account) -> {
            if (!org.equals(issuer.getKey())) {
                funding.add(issuer.getValue().newTransaction("token", "transfer", symbol, account, Long.toString(FUNDING)));
            }
        });
        // one call: the creation is ordered before the transfers that need it
        for (SubmitResponse r : issuer.getValue().submitAll(funding, true)) {
            if (r.getStatus() != TransactionStatus.COMMITTED || r.getCode() != ValidationCode.VALID) {
                throw new IllegalStateException("funding the benchmark token failed: " + r.getCode() + " " + r.getReason());
            }
        }
    }

    @Override
    public Client client(int index, Channel channel, String organization, List<String> organizations) {
        String from = accountOf(channel);
        if (!from.equals(accountByOrganization.get(organization))) {
            throw new IllegalStateException("client " + index + " signs as " + from + ", but the funded account of "
                    + organization + " is " + accountByOrganization.get(organization));
        }
        String next = organizations.get((organizations.indexOf(organization) + 1) % organizations.size());
        String to = accountByOrganization.get(next);
        if (to == null || to.equals(from)) {
            throw new IllegalStateException("no funded account of " + next + " to transfer to");
        }
        return new PresignedClient() {
            @Override
            Transaction sign() {
                return channel.newTransaction("token", "transfer", symbol, to, "1");
            }
        };
    }

    private static String accountOf(Channel channel) {
        try {
            return JSON.readTree(channel.contract("token").evaluate("account")).get("account").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("token.account() answered no JSON", e);
        }
    }
}
