package io.consortia.platform.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * For one transaction the TX_STATUS event's {@code timestampMillis} is the block's time and the
 * notarization record's the creator's, and docs/events.md did not say which clock either was. The
 * names stay (clients read them); the docs say the clock, and this holds them to what the events carry.
 */
class EventClocksTest {
    private static final long CREATED = 1_000;
    private static final long BLOCK_TIME = 4_000;
    private static final Block BLOCK = Block.newBuilder()
            .setHeader(BlockHeader.newBuilder().setNumber(3).setTransactionCount(1).setTimestampMillis(BLOCK_TIME))
            .addTransactions(BlockTransaction.newBuilder().setTransactionId("t0").setCode(ValidationCode.VALID)
                    .setTransaction(Transaction.newBuilder().setPayload(TransactionPayload.newBuilder()
                            .setContract("notarization").setFunction("record").setTimestampMillis(CREATED).build()
                            .toByteString())))
            .build();

    @Test
    void block_and_transaction_status_events_carry_the_block_time_as_the_docs_say() throws IOException {
        for (EventKind kind : List.of(EventKind.BLOCK, EventKind.TX_STATUS)) {
            assertThat(new EventFilter(kind, "", List.of()).eventsOf(BLOCK))
                    .singleElement().satisfies(e -> assertThat(e.data().get("timestampMillis")).as(kind.name())
                            .isEqualTo(BLOCK_TIME));
        }
        String events = Files.readString(Path.of("../docs/events.md"));
        assertThat(row(events, "| `BLOCK` |")).contains("`timestampMillis` (block time)");
        assertThat(row(events, "| `TX_STATUS` |")).contains("`timestampMillis` (block time, not the creator's)");
        assertThat(events).contains("**Which clock.**").contains("The built-in contracts' records carry the "
                + "**creator's time**");
    }

    private static String row(String markdown, String start) {
        return markdown.lines().filter(line -> line.startsWith(start)).findFirst().orElseThrow();
    }
}
