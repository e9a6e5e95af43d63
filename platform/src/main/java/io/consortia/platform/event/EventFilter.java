package io.consortia.platform.event;

import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Event;
import io.consortia.protocol.v1.TransactionPayload;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which events of a channel a subscription or stream receives, and how a block turns into them.
 * Contract events are those the node streams (docs: StreamEvents): the events a transaction
 * recorded, attributed to the contract it called.
 *
 * @param contract empty for any contract (TX_STATUS and CONTRACT_EVENT only)
 * @param eventNames empty for any name (CONTRACT_EVENT only)
 */
record EventFilter(EventKind kind, String contract, List<String> eventNames) {
    private static final HexFormat HEX = HexFormat.of();

    /** The block's matching events, in channel order. */
    List<AppEvent> eventsOf(Block block) {
        return switch (kind) {
            case BLOCK -> List.of(new AppEvent(Position.startOf(block.getHeader().getNumber()), kind, block(block)));
            case TX_STATUS -> transactions(block);
            case CONTRACT_EVENT -> contractEvents(block);
        };
    }

    private static Map<String, Object> block(Block block) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("number", block.getHeader().getNumber());
        data.put("hash", HEX.formatHex(block.getHash().toByteArray()));
        data.put("previousHash", HEX.formatHex(block.getHeader().getPreviousHash().toByteArray()));
        data.put("timestampMillis", block.getHeader().getTimestampMillis());
        data.put("transactionCount", block.getHeader().getTransactionCount());
        List<Map<String, Object>> transactions = new ArrayList<>();
        for (BlockTransaction transaction : block.getTransactionsList()) {
            TransactionPayload payload = payload(transaction);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("transactionId", transaction.getTransactionId());
            item.put("contract", payload.getContract());
            item.put("function", payload.getFunction());
            item.put("creatorOrganization", payload.getCreator().getOrganization());
            item.put("code", transaction.getCode().name());
            transactions.add(item);
        }
        data.put("transactions", transactions);
        return data;
    }

    private List<AppEvent> transactions(Block block) {
        List<AppEvent> out = new ArrayList<>();
        long number = block.getHeader().getNumber();
        for (int t = 0; t < block.getTransactionsCount(); t++) {
            BlockTransaction transaction = block.getTransactions(t);
            TransactionPayload payload = payload(transaction);
            if (!contract.isEmpty() && !contract.equals(payload.getContract())) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("transactionId", transaction.getTransactionId());
            data.put("blockNumber", number);
            data.put("transactionIndex", t);
            data.put("contract", payload.getContract());
            data.put("function", payload.getFunction());
            data.put("creatorOrganization", payload.getCreator().getOrganization());
            data.put("code", transaction.getCode().name());
            data.put("valid", transaction.getCode() == io.consortia.protocol.v1.ValidationCode.VALID);
            data.put("reason", transaction.getReason());
            data.put("timestampMillis", block.getHeader().getTimestampMillis());
            out.add(new AppEvent(new Position(number, t, 0), kind, data));
        }
        return out;
    }

    private List<AppEvent> contractEvents(Block block) {
        List<AppEvent> out = new ArrayList<>();
        long number = block.getHeader().getNumber();
        for (int t = 0; t < block.getTransactionsCount(); t++) {
            BlockTransaction transaction = block.getTransactions(t);
            if (transaction.getEventsCount() == 0) {
                continue;
            }
            String emitter = payload(transaction).getContract();
            if (!contract.isEmpty() && !contract.equals(emitter)) {
                continue;
            }
            for (int e = 0; e < transaction.getEventsCount(); e++) {
                Event event = transaction.getEvents(e);
                if (!eventNames.isEmpty() && !eventNames.contains(event.getName())) {
                    continue;
                }
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("blockNumber", number);
                data.put("transactionId", transaction.getTransactionId());
                data.put("transactionIndex", t);
                data.put("eventIndex", e);
                data.put("contract", emitter);
                data.put("name", event.getName());
                byte[] bytes = event.getPayload().toByteArray();
                data.put("payload", utf8(bytes));
                data.put("payloadBase64", Base64.getEncoder().encodeToString(bytes));
                out.add(new AppEvent(new Position(number, t, e), kind, data));
            }
        }
        return out;
    }

    /** The payload as text when it is UTF-8 (JSON, usually), else null: payloadBase64 always has it. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static TransactionPayload payload(BlockTransaction transaction) {
        try {
            return TransactionPayload.parseFrom(transaction.getTransaction().getPayload());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return TransactionPayload.getDefaultInstance();
        }
    }
}
