package io.consortia.cli.bench;

import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.sdk.Channel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Asset transfer without contention: each client creates its own assets
 * ({@code asset.create(id, description, value)}) and, once a creation has committed, transfers
 * that asset to the next organisation ({@code asset.transfer(id, org)}). In steady state half
 * of every call is creations and half transfers; no two clients ever touch the same asset.
 */
final class AssetWorkload implements Workload {
    private final long run;

    AssetWorkload(long run) {
        this.run = run;
    }

    @Override
    public String name() {
        return "asset";
    }

    @Override
    public String description() {
        return "asset.create(new id) then asset.transfer(id, next org) once the create committed — no shared assets";
    }

    @Override
    public Client client(int index, Channel channel, String organization, List<String> organizations) {
        String receiver = organizations.get((organizations.indexOf(organization) + 1) % organizations.size());
        String prefix = Long.toHexString(run) + "-c" + index + "-";
        return new Client() {
            private final ArrayDeque<String> created = new ArrayDeque<>();
            private final List<String> createdInLastCall = new ArrayList<>();
            private final ArrayDeque<String> readyIds = new ArrayDeque<>();
            private final ArrayDeque<Transaction> readyCreates = new ArrayDeque<>();
            private long seq;
            private long live;

            @Override
            public int presign(int count) {
                int creates = count / 2 + 1; // transfers depend on committed creates: only creates are signed ahead
                for (int i = 0; i < creates; i++) {
                    String id = prefix + seq++;
                    readyIds.add(id);
                    readyCreates.add(channel.newTransaction("asset", "create", id, "bench asset", "100"));
                }
                return creates;
            }

            @Override
            public long signedDuringRun() {
                return live;
            }

            @Override
            public List<Transaction> next(int count) {
                createdInLastCall.clear();
                List<Transaction> txs = new ArrayList<>(count);
                int transfers = Math.min(created.size(), count / 2);
                for (int i = 0; i < transfers; i++) {
                    txs.add(channel.newTransaction("asset", "transfer", created.poll(), receiver));
                    createdInLastCall.add(null);
                    live++;
                }
                while (txs.size() < Math.max(1, count)) {
                    if (!readyCreates.isEmpty()) {
                        txs.add(readyCreates.poll());
                        createdInLastCall.add(readyIds.poll());
                        continue;
                    }
                    String id = prefix + seq++;
                    txs.add(channel.newTransaction("asset", "create", id, "bench asset", "100"));
                    createdInLastCall.add(id);
                    live++;
                }
                return txs;
            }

            @Override
            public void completed(List<Transaction> sent, List<SubmitResponse> responses) {
                for (int i = 0; i < responses.size() && i < createdInLastCall.size(); i++) {
                    SubmitResponse r = responses.get(i);
                    String id = createdInLastCall.get(i);
                    if (id != null && r.getStatus() == TransactionStatus.COMMITTED && r.getCode() == ValidationCode.VALID) {
                        created.add(id);
                    }
                }
            }
        };
    }
}
