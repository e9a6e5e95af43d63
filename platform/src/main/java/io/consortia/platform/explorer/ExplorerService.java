package io.consortia.platform.explorer;

import io.consortia.crypto.Certificates;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.Pem;
import io.consortia.platform.channel.ChannelPolicy;
import io.consortia.platform.channel.ChannelRecord;
import io.consortia.platform.channel.ChannelService;
import io.consortia.platform.channel.GatewayPool;
import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.channel.NodeRefusals;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.Deployers;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.explorer.ExplorerViews.*;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.sdk.GatewayException;
import io.consortia.sdk.ProofVerifier;
import io.consortia.sdk.ReceiptJson;
import io.consortia.sdk.ReceiptVerification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Reads the index (and, for proofs, the ledger itself) for people allowed to see a channel. */
@Service
class ExplorerService {
    private static final int MAX_PAGE_SIZE = 100;
    static final int MAX_EXPORT = 100_000;
    private final IndexRepository index;
    private final ChannelService channels;
    private final ConsortiumService consortia;
    private final Nodes nodes;
    private final Deployers deployers;
    private final NetworkClients clients;

    ExplorerService(IndexRepository index, ChannelService channels, ConsortiumService consortia, Nodes nodes,
            Deployers deployers, NetworkClients clients) {
        this.index = index;
        this.channels = channels;
        this.consortia = consortia;
        this.nodes = nodes;
        this.deployers = deployers;
        this.clients = clients;
    }

    Overview overview(Caller caller, long consortiumId) {
        Consortium consortium = consortia.requireVisible(caller, consortiumId);
        long since = System.currentTimeMillis() - 60_000;
        List<ChannelEntry> channelEntries = channels.ofConsortium(consortiumId).stream().map(c -> new ChannelEntry(
                c.name(), c.status(), c.organizationIds(), index.count("blocks", c.id()),
                index.count("transactions", c.id()), index.transactionsSince(c.id(), since) / 60.0,
                index.stateOf(c.id()).orElse("NOT_STARTED"), index.reasonOf(c.id()).orElse(null))).toList();
        List<NodeEntry> nodeEntries = nodes.ofConsortium(consortiumId).stream().map(n -> new NodeEntry(n.nodeId(),
                n.organizationId(), n.status().name(), n.apiAddress(),
                n.status() == NodeStatus.RUNNING ? deployers.of(n).heights(n) : Map.of())).toList();
        List<OrganizationEntry> organizations = consortia.members(consortiumId).stream()
                .map(o -> new OrganizationEntry(o.id(), o.name(), o.id() == consortium.leaderOrganizationId())).toList();
        return new Overview(consortium.id(), consortium.name(), consortium.status().name(),
                consortium.signatureScheme().name(), organizations, nodeEntries, channelEntries,
                channelEntries.stream().mapToLong(ChannelEntry::height).sum(),
                channelEntries.stream().mapToLong(ChannelEntry::transactionCount).sum(),
                channelEntries.stream().mapToDouble(ChannelEntry::transactionsPerSecondLastMinute).sum());
    }

    Page<BlockSummary> blocks(Caller caller, long consortiumId, String channelName, int page, int size) {
        ChannelRecord channel = readable(caller, consortiumId, channelName);
        checkPage(page, size);
        return new Page<>(page, size, index.count("blocks", channel.id()),
                index.blocks(channel.id(), page, size).stream().map(b -> summary(channel.name(), b)).toList());
    }

    BlockDetail block(Caller caller, long consortiumId, String channelName, long number) {
        ChannelRecord channel = readable(caller, consortiumId, channelName);
        IndexRepository.BlockRow block = index.block(channel.id(), number)
                .orElseThrow(() -> PlatformException.notFound("Block", number + " of channel " + channelName));
        return new BlockDetail(summary(channel.name(), block), index.transactionsOfBlock(channel.id(), number).stream()
                .map(t -> summary(channel.name(), t)).toList());
    }

    Page<TransactionSummary> transactions(Caller caller, long consortiumId, String channelName, int page, int size) {
        ChannelRecord channel = readable(caller, consortiumId, channelName);
        checkPage(page, size);
        return new Page<>(page, size, index.count("transactions", channel.id()),
                index.transactions(channel.id(), page, size).stream().map(t -> summary(channel.name(), t)).toList());
    }

    /**
     * A channel's transactions as CSV, in chain order: those of blocks {@code fromBlock} to
     * {@code toBlock} whose block time is in [{@code from}, {@code to}); every bound may be null. An
     * export never stops silently at its limit: more matching transactions than that is a 400 that
     * says how many matched, so that the reader narrows the range rather than miss the end of it.
     */
    String exportTransactions(Caller caller, long consortiumId, String channelName, Instant from, Instant to,
            Long fromBlock, Long toBlock) {
        ChannelRecord channel = readable(caller, consortiumId, channelName);
        if ((fromBlock != null && fromBlock < 0) || (toBlock != null && toBlock < 0)) {
            throw PlatformException.invalid("fromBlock and toBlock must be block numbers (0 or more)");
        }
        if (fromBlock != null && toBlock != null && fromBlock > toBlock) {
            throw PlatformException.invalid("fromBlock (" + fromBlock + ") must not be after toBlock (" + toBlock + ")");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw PlatformException.invalid("from (" + from + ") must be before to (" + to + ")");
        }
        IndexRepository.ExportRange range = new IndexRepository.ExportRange(channel.id(),
                fromBlock == null ? 0 : fromBlock, toBlock == null ? Long.MAX_VALUE : toBlock,
                from == null ? Long.MIN_VALUE : from.toEpochMilli(), to == null ? Long.MAX_VALUE : to.toEpochMilli());
        long matching = index.countExport(range);
        if (matching > MAX_EXPORT) {
            throw PlatformException.invalid(matching + " transactions match; an export holds at most " + MAX_EXPORT
                    + ": narrow the time range (from, to) or the blocks (fromBlock, toBlock)");
        }
        return TransactionCsv.write(channel.name(), index.export(range));
    }

    /** One box: a block number, a block hash or a transaction id, in every channel the caller may read. */
    SearchResult search(Caller caller, long consortiumId, String query) {
        consortia.requireVisible(caller, consortiumId);
        SearchQuery q = SearchQuery.parse(query);
        List<ChannelRecord> readable = channels.ofConsortium(consortiumId).stream()
                .filter(c -> ChannelPolicy.canRead(caller, c)).toList();
        Map<Long, String> names = new java.util.HashMap<>();
        readable.forEach(c -> names.put(c.id(), c.name()));
        List<Long> ids = new ArrayList<>(names.keySet());
        List<SearchHit> hits = new ArrayList<>();
        if (ids.isEmpty()) {
            return new SearchResult(q.text(), hits);
        }
        if (q.blockNumber()) {
            index.blocksByNumber(ids, Long.parseLong(q.text())).forEach(b -> hits.add(
                    new SearchHit("BLOCK", names.get(b.channelId()), b.number(), b.hash(), null)));
        } else {
            String hex = q.text().toLowerCase(java.util.Locale.ROOT);
            index.blocksByHash(ids, hex).forEach(b -> hits.add(
                    new SearchHit("BLOCK", names.get(b.channelId()), b.number(), b.hash(), null)));
            index.transactionsById(ids, hex).forEach(t -> hits.add(new SearchHit("TRANSACTION",
                    names.get(t.channelId()), t.blockNumber(),
                    index.hashOf(t.channelId(), t.blockNumber()).orElse(null), t.transactionId())));
        }
        return new SearchResult(q.text(), hits);
    }

    TransactionDetail transaction(Caller caller, long consortiumId, String channelName, String transactionId) {
        Fetched fetched = fetch(caller, consortiumId, channelName, transactionId);
        return Receipts.detail(fetched.channel(), fetched.info(), fetched.hash());
    }

    /** The receipt file (docs/protocol.md, "Receipt file") for offline checks, e.g. with {@code consortia verify}. */
    String receiptFile(Caller caller, long consortiumId, String channelName, String transactionId) {
        Fetched fetched = fetch(caller, consortiumId, channelName, transactionId);
        return ReceiptJson.write(fetched.info(), fetched.hash());
    }

    /** For the console's transaction page: the detail and the receipt file from one read of the ledger. */
    record DetailAndFile(TransactionDetail detail, String receiptFile) {}

    DetailAndFile transactionWithFile(Caller caller, long consortiumId, String channelName, String transactionId) {
        Fetched fetched = fetch(caller, consortiumId, channelName, transactionId);
        return new DetailAndFile(Receipts.detail(fetched.channel(), fetched.info(), fetched.hash()),
                ReceiptJson.write(fetched.info(), fetched.hash()));
    }

    private record Fetched(String channel, TransactionInfo info, HashFunction hash) {}

    private Fetched fetch(Caller caller, long consortiumId, String channelName, String transactionId) {
        ChannelRecord channel = readable(caller, consortiumId, channelName);
        if (!transactionId.matches("(?i)[0-9a-f]{16,128}")) {
            throw InvalidFields.field("transactionId", "must be hex");
        }
        HashFunction hash = consortia.get(consortiumId).signatureScheme().scheme().hash();
        TransactionInfo info;
        try (GatewayPool.Lease lease = clients.readerLease(consortiumId, channel.organizationIds().get(0),
                channels.peers(channel))) {
            info = lease.call(gateway -> gateway.channel(channel.name())
                    .transaction(transactionId.toLowerCase(java.util.Locale.ROOT)));
        } catch (GatewayException e) {
            if (e.status().map(s -> s.getCode() == io.grpc.Status.Code.NOT_FOUND).orElse(false)) {
                throw PlatformException.notFound("Transaction", transactionId + " in channel " + channelName);
            }
            throw NodeRefusals.unavailable(e, channel.name());
        }
        return new Fetched(channel.name(), info, hash);
    }

    private ChannelRecord readable(Caller caller, long consortiumId, String channelName) {
        consortia.requireVisible(caller, consortiumId);
        ChannelRecord channel = channels.require(consortiumId, channelName);
        if (!ChannelPolicy.canRead(caller, channel)) {
            throw PlatformException.forbidden("Channel " + channelName + " is readable by its organisations only");
        }
        return channel;
    }

    private static void checkPage(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw InvalidFields.field("page", "must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
    }

    private static BlockSummary summary(String channel, IndexRepository.BlockRow b) {
        return new BlockSummary(channel, b.number(), b.hash(), b.previousHash(), b.transactionsRoot(), b.stateHash(),
                b.resultsHash(), b.receiptsRoot(), b.version(), b.transactionCount(), b.timestampMillis());
    }

    private static TransactionSummary summary(String channel, IndexRepository.TransactionRow t) {
        return new TransactionSummary(channel, t.transactionId(), t.blockNumber(), t.indexInBlock(), t.contract(),
                t.function(), t.creatorOrganization(), t.code(), t.reason(), t.timestampMillis());
    }

    /** Turns a node's TransactionInfo into the API's detail. */
    static final class Receipts {
        private Receipts() {}

        static TransactionDetail detail(String channel, TransactionInfo info, HashFunction hash) {
            TransactionPayload payload;
            try {
                payload = TransactionPayload.parseFrom(info.getTransaction().getTransaction().getPayload());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                payload = TransactionPayload.getDefaultInstance();
            }
            String commonName = null;
            // a transaction naming its certificate by id comes with the registered certificate from the node
            var certificate = payload.getCreator().hasCertificate() ? payload.getCreator().getCertificate()
                    : info.getCreatorCertificate();
            if (!certificate.isEmpty()) {
                try {
                    commonName = Certificates.commonName(Pem.certificateFromDer(certificate.toByteArray()));
                } catch (RuntimeException e) {
                    commonName = null;
                }
            }
            List<String> arguments = payload.getArgsList().stream()
                    .map(a -> a.isValidUtf8() ? a.toStringUtf8() : "0x" + Hashes.hex(a.toByteArray())).toList();
            var proof = info.getProof();
            var header = info.getBlockHeader();
            ReceiptVerification verification = ProofVerifier.check(info, hash);
            BlockSummary headerView = new BlockSummary(header.getChannel(), header.getNumber(),
                    Hashes.hex(info.getBlockHash().toByteArray()), hex(header.getPreviousHash()),
                    hex(header.getTransactionsRoot()), hex(header.getStateHash()), hex(header.getResultsHash()),
                    hex(header.getReceiptsRoot()), header.getVersion(), header.getTransactionCount(),
                    header.getTimestampMillis());
            return new TransactionDetail(channel, info.getTransaction().getTransactionId(), info.getBlockNumber(),
                    Hashes.hex(info.getBlockHash().toByteArray()), info.getIndexInBlock(),
                    info.getTransaction().getCode().name(), info.getTransaction().getReason(), payload.getContract(),
                    payload.getFunction(), arguments, payload.getCreator().getOrganization(), commonName,
                    payload.getTimestampMillis(), header.getTimestampMillis(),
                    info.getTransaction().getResult().toString(StandardCharsets.UTF_8),
                    new Proof(proof.getLeafIndex(), proof.getLeafCount(),
                            proof.getSiblingsList().stream().map(ExplorerService::hex).toList(),
                            hex(header.getTransactionsRoot()),
                            info.hasReceiptProof()
                                    ? info.getReceiptProof().getSiblingsList().stream().map(ExplorerService::hex).toList()
                                    : null,
                            hex(header.getReceiptsRoot()), hash.name()),
                    headerView, verification.ok(), verification.verdictProven(), verification.steps(),
                    verification.failure(), Base64.getEncoder().encodeToString(info.toByteArray()));
        }
    }

    private static String hex(com.google.protobuf.ByteString bytes) {
        return Hashes.hex(bytes.toByteArray());
    }
}
