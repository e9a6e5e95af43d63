package io.consortia.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Event;
import io.consortia.protocol.v1.MerkleProof;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.ValidationCode;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * The receipt file: a {@link TransactionInfo} as JSON that people can read and outsiders can
 * check with their own code (format "consortia-receipt", version 1; docs/protocol.md,
 * "Receipt file"). Every byte string is lower-case hex (read in either case), integers are JSON
 * numbers, and {@code hashFunction} names the channel's hash ("SHA-256" or "SM3").
 */
public final class ReceiptJson {
    public static final String FORMAT = "consortia-receipt";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> HEADER_FIELDS = Set.of("channel", "number", "previousHash", "transactionsRoot",
            "stateHash", "timestampMillis", "transactionCount", "resultsHash", "version", "receiptsRoot");

    private ReceiptJson() {}

    /** A receipt read from a file, with the hash function it names. */
    public record Receipt(TransactionInfo info, HashFunction hash) {}

    public static String write(TransactionInfo info, HashFunction hash) {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(hash, "hash");
        BlockTransaction recorded = info.getTransaction();
        BlockHeader header = info.getBlockHeader();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("hashFunction", hash.name());
        root.put("channel", header.getChannel());
        root.put("transactionId", recorded.getTransactionId());
        root.put("blockNumber", info.getBlockNumber());
        root.put("blockHash", hex(info.getBlockHash()));
        root.put("indexInBlock", info.getIndexInBlock());
        ObjectNode tx = root.putObject("transaction");
        tx.put("payload", hex(recorded.getTransaction().getPayload()));
        tx.put("signature", hex(recorded.getTransaction().getSignature()));
        tx.put("code", recorded.getCode().name());
        tx.put("codeNumber", recorded.getCodeValue());
        tx.put("reason", recorded.getReason());
        tx.put("result", hex(recorded.getResult()));
        ArrayNode events = tx.putArray("events");
        for (Event event : recorded.getEventsList()) {
            events.addObject().put("name", event.getName()).put("payload", hex(event.getPayload()));
        }
        root.put("creatorCertificate", hex(info.getCreatorCertificate()));
        ObjectNode h = root.putObject("blockHeader");
        h.put("channel", header.getChannel());
        h.put("number", header.getNumber());
        h.put("previousHash", hex(header.getPreviousHash()));
        h.put("transactionsRoot", hex(header.getTransactionsRoot()));
        h.put("stateHash", hex(header.getStateHash()));
        h.put("timestampMillis", header.getTimestampMillis());
        h.put("transactionCount", header.getTransactionCount());
        h.put("resultsHash", hex(header.getResultsHash()));
        h.put("version", header.getVersion());
        h.put("receiptsRoot", hex(header.getReceiptsRoot()));
        proof(root, "transactionProof", info.getProof());
        if (info.hasReceiptProof()) {
            proof(root, "receiptProof", info.getReceiptProof());
        } else {
            root.putNull("receiptProof");
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a receipt", e);
        }
    }

    /**
     * Reads a receipt file.
     *
     * @throws ReceiptFormatException naming the field when the file is not a receipt of a known version
     */
    public static Receipt read(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ReceiptFormatException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ReceiptFormatException("a receipt file is a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new ReceiptFormatException("format must be \"" + FORMAT + "\"");
        }
        if (root.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
            throw new ReceiptFormatException("unsupported formatVersion " + root.path("formatVersion")
                    + " (this reader knows " + FORMAT_VERSION + ")");
        }
        HashFunction hash;
        try {
            hash = Hashes.forName(text(root, "hashFunction"));
        } catch (RuntimeException e) {
            throw new ReceiptFormatException("hashFunction must be SHA-256 or SM3");
        }
        JsonNode tx = object(root, "transaction");
        int codeNumber = (int) number(tx, "codeNumber");
        ValidationCode code = ValidationCode.forNumber(codeNumber);
        if (code == null || !code.name().equals(text(tx, "code"))) {
            throw new ReceiptFormatException("transaction.code " + tx.path("code") + " is not validation code number "
                    + codeNumber);
        }
        BlockTransaction.Builder recorded = BlockTransaction.newBuilder()
                .setTransaction(Transaction.newBuilder().setPayload(bytes(tx, "payload")).setSignature(bytes(tx, "signature")))
                .setTransactionId(text(root, "transactionId"))
                .setCode(code)
                .setReason(text(tx, "reason"))
                .setResult(bytes(tx, "result"));
        for (JsonNode event : tx.path("events")) {
            recorded.addEvents(Event.newBuilder().setName(text(event, "name")).setPayload(bytes(event, "payload")));
        }
        JsonNode h = object(root, "blockHeader");
        for (Iterator<String> it = h.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!HEADER_FIELDS.contains(name)) {
                // an unknown field would be left out of the hash: a newer header this reader cannot check
                throw new ReceiptFormatException("blockHeader." + name + " is not a header field of version 0 or 1");
            }
        }
        BlockHeader header = BlockHeader.newBuilder()
                .setChannel(text(h, "channel"))
                .setNumber(number(h, "number"))
                .setPreviousHash(bytes(h, "previousHash"))
                .setTransactionsRoot(bytes(h, "transactionsRoot"))
                .setStateHash(bytes(h, "stateHash"))
                .setTimestampMillis(number(h, "timestampMillis"))
                .setTransactionCount((int) number(h, "transactionCount"))
                .setResultsHash(bytes(h, "resultsHash"))
                .setVersion((int) number(h, "version"))
                .setReceiptsRoot(bytes(h, "receiptsRoot"))
                .build();
        JsonNode channel = root.path("channel");
        if (!channel.isMissingNode() && !channel.isNull() && !channel.asText().equals(header.getChannel())) {
            // the proof covers the header's channel only: a different name beside it is not what was issued
            throw new ReceiptFormatException("channel \"" + channel.asText() + "\" is not the block header's channel \""
                    + header.getChannel() + "\"");
        }
        TransactionInfo.Builder info = TransactionInfo.newBuilder()
                .setTransaction(recorded)
                .setBlockNumber(number(root, "blockNumber"))
                .setBlockHeader(header)
                .setBlockHash(bytes(root, "blockHash"))
                .setIndexInBlock((int) number(root, "indexInBlock"))
                .setProof(proof(object(root, "transactionProof"), "transactionProof"))
                .setCreatorCertificate(bytes(root, "creatorCertificate"));
        JsonNode receiptProof = root.path("receiptProof");
        if (!receiptProof.isMissingNode() && !receiptProof.isNull()) {
            info.setReceiptProof(proof(object(root, "receiptProof"), "receiptProof"));
        }
        return new Receipt(info.build(), hash);
    }

    private static void proof(ObjectNode root, String name, MerkleProof proof) {
        ObjectNode node = root.putObject(name);
        node.put("leafIndex", proof.getLeafIndex());
        node.put("leafCount", proof.getLeafCount());
        ArrayNode siblings = node.putArray("siblings");
        proof.getSiblingsList().forEach(s -> siblings.add(hex(s)));
    }

    private static MerkleProof proof(JsonNode node, String name) {
        MerkleProof.Builder proof = MerkleProof.newBuilder()
                .setLeafIndex((int) number(node, "leafIndex"))
                .setLeafCount((int) number(node, "leafCount"));
        JsonNode siblings = node.path("siblings");
        if (!siblings.isArray()) {
            throw new ReceiptFormatException(name + ".siblings must be an array of hex strings");
        }
        for (JsonNode sibling : siblings) {
            if (!sibling.isTextual()) {
                throw new ReceiptFormatException(name + ".siblings must be an array of hex strings");
            }
            proof.addSiblings(fromHex(sibling.asText(), name + ".siblings"));
        }
        return proof.build();
    }

    private static String hex(ByteString bytes) {
        return Hashes.hex(bytes.toByteArray());
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw new ReceiptFormatException(field + " must be an object");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new ReceiptFormatException(field + " must be a string");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || value.asLong() < 0 && !"timestampMillis".equals(field)) {
            throw new ReceiptFormatException(field + " must be a non-negative integer");
        }
        return value.asLong();
    }

    private static ByteString bytes(JsonNode node, String field) {
        return fromHex(text(node, field), field);
    }

    private static ByteString fromHex(String hex, String field) {
        try {
            return ByteString.copyFrom(Hashes.fromHex(hex));
        } catch (RuntimeException e) {
            throw new ReceiptFormatException(field + " must be hex: " + e.getMessage());
        }
    }
}
