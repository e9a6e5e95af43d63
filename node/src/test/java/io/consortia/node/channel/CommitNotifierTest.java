package io.consortia.node.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.protocol.v1.Block;
import io.consortia.protocol.v1.BlockHeader;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.TransactionStatus;
import io.consortia.protocol.v1.ValidationCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class CommitNotifierTest {
    private final CommitNotifier notifier = new CommitNotifier();

    @Test
    void a_commit_within_the_timeout_answers_with_the_block() {
        List<CompletableFuture<SubmitResponse>> answers = await(List.of("a", "b"), Duration.ofMinutes(5));

        notifier.blockCommitted(block(7, "a", "b"));

        assertThat(answers).allSatisfy(f -> assertThat(f.join().getStatus()).isEqualTo(TransactionStatus.COMMITTED));
        assertThat(answers.get(1).join().getBlockNumber()).isEqualTo(7);
        assertThat(notifier.waiting()).isZero();
    }

    @Test
    void transactions_not_committed_in_time_are_answered_accepted_and_forgotten() {
        List<CompletableFuture<SubmitResponse>> answers = await(List.of("fast", "slow"), Duration.ofMillis(300));
        notifier.blockCommitted(block(1, "fast"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> answers.get(1).isDone());

        SubmitResponse late = answers.get(1).join();
        assertThat(late.getTransactionId()).isEqualTo("slow");
        assertThat(late.getStatus()).isEqualTo(TransactionStatus.ACCEPTED);
        assertThat(late.getCode()).isEqualTo(ValidationCode.VALIDATION_CODE_UNSPECIFIED);
        assertThat(late.getReason()).contains("not committed within").contains("look it up by id");
        assertThat(answers.get(0).join().getStatus()).isEqualTo(TransactionStatus.COMMITTED);
        // the waiter is gone: it does not stay in the map waiting for a commit that may never come
        assertThat(notifier.waiting()).isZero();
        assertThat(notifier.isPending("slow")).isFalse();

        notifier.blockCommitted(block(2, "slow")); // the late commit finds no waiter and changes no answer
        assertThat(answers.get(1).join().getStatus()).isEqualTo(TransactionStatus.ACCEPTED);
    }

    /** As ChannelRuntime.submit does for one request. */
    private List<CompletableFuture<SubmitResponse>> await(List<String> ids, Duration timeout) {
        List<CompletableFuture<SubmitResponse>> answers = ids.stream().map(notifier::await).toList();
        notifier.expireAfter(timeout, ids, answers);
        return answers;
    }

    private static Block block(long number, String... ids) {
        Block.Builder b = Block.newBuilder().setHeader(BlockHeader.newBuilder().setNumber(number));
        for (String id : ids) {
            b.addTransactions(BlockTransaction.newBuilder().setTransactionId(id).setCode(ValidationCode.VALID));
        }
        return b.build();
    }
}
