package io.consortia.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asset transfer with contention: a small shared set of hot assets (created before the
 * warm-up, spread over the organisations) that every client keeps transferring to another
 * organisation. Clients pick assets their organisation owns as far as they know (every valid
 * transfer's result names the new owner, shared by all clients), but clients of the same
 * organisation race for the same assets and their knowledge lags the ledger, so many transfers
 * find the asset already gone and are committed as CONTRACT_REJECTED: those invalid
 * transactions are the point of this workload, and the ratio measures contention.
 */
final class AssetContentionWorkload implements Workload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long run;
    private final int hotAssets;
    private final Map<String, Owner> ownerOf = new ConcurrentHashMap<>();

    /** What the clients know of an asset: the owner as of a version (newer versions win). */
    private record Owner(String organization, long version) {}
    private final List<String> ids = new ArrayList<>();

    AssetContentionWorkload(long run, int hotAssets) {
        this.run = run;
        this.hotAssets = Math.max(1, hotAssets);
    }

    @Override
    public String name() {
        return "asset-contention";
    }

    @Override
    public String description() {
        return "asset.transfer of " + hotAssets + " shared hot assets by every client — invalid (not owner) by design";
    }

    @Override
    public boolean invalidByDesign() {
        return true;
    }

    @Override
    public void prepare(Map<String, Channel> channelByOrganization) {
        List<String> orgs = new ArrayList<>(channelByOrganization.keySet());
        Map<String, List<Transaction>> creates = new java.util.LinkedHashMap<>();
        for (int i = 0; i < hotAssets; i++) {
            String org = orgs.get(i % orgs.size());
            String id = "hot-" + Long.toHexString(run) + "-" + i;
            creates.computeIfAbsent(org, o -> new ArrayList<>())
                    .add(channelByOrganization.get(org).newTransaction("asset", "create", id, "hot asset", "1"));
            ids.add(id);
            ownerOf.put(id, new Owner(org, 1));
        }
        creates.forEach((org, txs) -> {
            for (SubmitResponse r : channelByOrganization.get(org).submitAll(txs, true)) {
                if (r.getStatus() != TransactionStatus.COMMITTED || r.getCode() != ValidationCode.VALID) {
                    throw new IllegalStateException("creating the hot assets failed: " + r.getCode() + " " + r.getReason());
                }
            }
        });
    }

    @Override
    public Client client(int index, Channel channel, String organization, List<String> organizations) {
        return new Client() {
            @Override
            public List<Transaction> next(int count) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                List<String> mine = new ArrayList<>();
                ownerOf.forEach((id, owner) -> {
                    if (owner.organization().equals(organization)) {
                        mine.add(id);
                    }
                });
                List<Transaction> txs = new ArrayList<>(count);
                for (int i = 0; i < Math.max(1, count); i++) {
                    String id = mine.isEmpty() ? ids.get(random.nextInt(ids.size())) : mine.get(random.nextInt(mine.size()));
                    String to;
                    do {
                        to = organizations.get(random.nextInt(organizations.size()));
                    } while (to.equals(organization) && organizations.size() > 1);
                    txs.add(channel.newTransaction("asset", "transfer", id, to));
                }
                return txs;
            }

            @Override
            public void completed(List<Transaction> sent, List<SubmitResponse> responses) {
                for (SubmitResponse r : responses) {
                    if (r.getStatus() == TransactionStatus.COMMITTED && r.getCode() == ValidationCode.VALID) {
                        try {
                            JsonNode asset = JSON.readTree(r.getResult().toByteArray());
                            Owner seen = new Owner(asset.get("owner").asText(), asset.get("version").asLong());
                            ownerOf.merge(asset.get("assetId").asText(), seen,
                                    (known, update) -> update.version() > known.version() ? update : known);
                        } catch (IOException | RuntimeException e) {
                            // the result is only a hint; a wrong guess costs one rejected transfer
                        }
                    }
                }
            }
        };
    }
}
