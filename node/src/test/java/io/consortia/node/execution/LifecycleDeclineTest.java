package io.consortia.node.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.ContractStatus;
import io.consortia.protocol.v1.Decline;
import io.consortia.protocol.v1.ProposalStatus;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.ValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle contract's decline: an organisation objects to a proposal with a reason, on chain; its
 * latest word (approve or decline) counts; a proposal the others can no longer carry is dead and cannot
 * commit. Through the executor in process, as WasmLifecycleExecutionTest.
 */
class LifecycleDeclineTest {
    private final TestNetworkFixture network = TestNetworkFixture.builder().members("Org1", "Org2", "Org3").build();
    private final ChannelHarness channel = new ChannelHarness(network);
    private final TestClient admin1 = network.client("Org1", "admin1", CertificateRole.ADMIN);
    private final TestClient admin2 = network.client("Org2", "admin2", CertificateRole.ADMIN);
    private final TestClient admin3 = network.client("Org3", "admin3", CertificateRole.ADMIN);
    private final TestClient user2 = network.client("Org2", "user2", CertificateRole.USER);

    @AfterEach
    void close() {
        channel.close();
    }

    @Test
    void a_decline_is_recorded_with_its_reason_and_the_proposal_still_passes_while_enough_remain() throws Exception {
        String digest = propose(ChangePolicy.MAJORITY);
        BlockTransaction declined = decline(admin2, digest, "  版本号不对: v1 should be 1.0  ");
        assertThat(declined.getCode()).as(declined.getReason()).isEqualTo(ValidationCode.VALID);
        assertThat(declined.getResult().toStringUtf8()).isEqualTo("1");
        assertThat(declined.getEventsList()).extracting(e -> e.getName()).containsExactly("lifecycle.declined");

        ProposalStatus status = proposal(digest);
        assertThat(status.getDeclinesList()).singleElement().satisfies(d -> {
            assertThat(d.getOrganization()).isEqualTo("Org2");
            assertThat(d.getApprover()).isEqualTo("admin2");
            assertThat(d.getReason()).isEqualTo("版本号不对: v1 should be 1.0");
            assertThat(d.getTransactionId()).isEqualTo(declined.getTransactionId());
        });
        assertThat(status.getDead()).as("Org1 and Org3 can still make a majority of 2").isFalse();

        approve(admin1, digest);
        approve(admin3, digest);
        assertThat(commit(digest).getCode()).isEqualTo(ValidationCode.VALID);
        assertThat(proposal(digest).getDead()).as("a committed proposal is not dead").isFalse();
        assertThat(decline(admin2, digest, "too late").getCode()).as("a committed proposal cannot be declined")
                .isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        assertThat(proposal(digest).getDeclinesCount()).isEqualTo(1);
    }

    @Test
    void the_latest_word_of_an_organisation_counts() throws Exception {
        String digest = propose(ChangePolicy.MAJORITY);
        approve(admin2, digest);
        assertThat(decline(admin2, digest, "changed our mind").getCode()).isEqualTo(ValidationCode.VALID);
        ProposalStatus afterDecline = proposal(digest);
        assertThat(afterDecline.getApprovalsList()).as("declining withdraws the approval").isEmpty();
        assertThat(afterDecline.getDeclinesList()).extracting(Decline::getOrganization).containsExactly("Org2");

        assertThat(decline(admin2, digest, "again").getCode()).as("one decline per organisation")
                .isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        assertThat(proposal(digest).getDeclines(0).getReason()).isEqualTo("changed our mind");

        assertThat(approve(admin2, digest).getCode()).isEqualTo(ValidationCode.VALID);
        ProposalStatus afterApprove = proposal(digest);
        assertThat(afterApprove.getDeclinesList()).as("approving withdraws the decline").isEmpty();
        assertThat(afterApprove.getApprovalsList()).extracting(a -> a.getOrganization()).containsExactly("Org2");
    }

    @Test
    void a_proposal_the_others_can_no_longer_carry_is_dead_and_its_commit_is_refused() throws Exception {
        String digest = propose(ChangePolicy.MAJORITY);
        approve(admin1, digest);
        approve(admin3, digest);
        decline(admin2, digest, "no");
        decline(admin3, digest, "we object too");
        ProposalStatus status = proposal(digest);
        assertThat(status.getDead()).as("only Org1 is left for a majority of 2").isTrue();
        assertThat(status.getRequired()).isEqualTo(2);
        assertThat(status.getApprovalsList()).extracting(a -> a.getOrganization()).containsExactly("Org1");
        assertThat(status.getDeclinesList()).extracting(Decline::getOrganization).containsExactly("Org2", "Org3");

        BlockTransaction commit = commit(digest);
        assertThat(commit.getCode()).isEqualTo(ValidationCode.LIFECYCLE_POLICY_NOT_MET);
        assertThat(commit.getReason()).contains("can no longer pass").contains("Org2, Org3");
        assertThat(proposal(digest).getCommitted()).isFalse();

        // an organisation that changes its mind revives it
        approve(admin3, digest);
        assertThat(proposal(digest).getDead()).isFalse();
        assertThat(commit(digest).getCode()).isEqualTo(ValidationCode.VALID);
    }

    @Test
    void bad_declines_are_refused_and_change_nothing() throws Exception {
        String digest = propose(ChangePolicy.ALL);
        assertThat(decline(user2, digest, "no").getCode()).isEqualTo(ValidationCode.LIFECYCLE_NOT_ADMIN);
        assertThat(decline(admin2, digest, "   ").getCode()).as("blank reason").isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        assertThat(decline(admin2, digest, "界".repeat(501)).getCode()).as("501 characters")
                .isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        assertThat(decline(admin2, "ab".repeat(32), "no").getCode()).as("unknown proposal")
                .isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        BlockTransaction threeArgs = channel.applyOne(admin2.call("_lifecycle", "decline", "counter", "1", digest).build());
        assertThat(threeArgs.getCode()).isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        BlockTransaction notUtf8 = channel.applyOne(admin2.call("_lifecycle", "decline", "counter", "1", digest)
                .addArg(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xfe})).build());
        assertThat(notUtf8.getCode()).isEqualTo(ValidationCode.LIFECYCLE_INVALID);
        assertThat(proposal(digest).getDeclinesList()).isEmpty();

        assertThat(decline(admin2, digest, "界".repeat(500)).getCode()).as("500 characters, 1500 bytes")
                .isEqualTo(ValidationCode.VALID);
        assertThat(proposal(digest).getDead()).as("policy ALL: one decline is enough").isTrue();
    }

    // ---- helpers

    private String propose(ChangePolicy policy) {
        byte[] code = WasmLifecycleExecutionTest.module("counter_v1");
        BlockTransaction installed = channel.applyOne(admin1.call("_lifecycle", "install").addArg(ByteString.copyFrom(code)).build());
        assertThat(installed.getCode()).as(installed.getReason()).isEqualTo(ValidationCode.VALID);
        ContractDefinition definition = ContractDefinition.newBuilder()
                .setName("counter").setVersion("v1").setSequence(1)
                .setCodeHash(ByteString.copyFrom(Hashes.fromHex(installed.getResult().toStringUtf8())))
                .setPolicy(policy).setStatus(ContractStatus.ACTIVE).build();
        BlockTransaction tx = channel.applyOne(admin1.call("_lifecycle", "propose").addArg(definition.toByteString()).build());
        assertThat(tx.getCode()).as(tx.getReason()).isEqualTo(ValidationCode.VALID);
        return tx.getResult().toStringUtf8();
    }

    private BlockTransaction approve(TestClient admin, String digest) {
        return channel.applyOne(admin.call("_lifecycle", "approve", "counter", "1", digest).build());
    }

    private BlockTransaction decline(TestClient admin, String digest, String reason) {
        return channel.applyOne(admin.call("_lifecycle", "decline", "counter", "1", digest, reason).build());
    }

    private BlockTransaction commit(String digest) {
        return channel.applyOne(admin1.call("_lifecycle", "commit", "counter", "1", digest).build());
    }

    private ProposalStatus proposal(String digest) throws Exception {
        Transaction tx = admin1.call("_lifecycle", "proposal", "counter", "1", digest).build();
        return ProposalStatus.parseFrom(channel.executor.evaluate(tx, network.now()));
    }
}
