package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.protocol.v1.Approval;
import io.consortia.protocol.v1.ChangePolicy;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.ContractStatus;
import io.consortia.protocol.v1.LifecycleRecord;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A step's detail is readable: hashes in hex, never protobuf's debug text with octal escapes. */
class StepDetailsTest {
    private static final String CODE_HASH = "d104" + "ab".repeat(30);
    private static final ContractDefinition DEFINITION = ContractDefinition.newBuilder().setName("records")
            .setVersion("1.0.0").setSequence(1).setCodeHash(ByteString.copyFrom(HexFormat.of().parseHex(CODE_HASH)))
            .setPolicy(ChangePolicy.MAJORITY).setStatus(ContractStatus.ACTIVE).build();

    @Test
    void a_commit_shows_its_definition_with_the_code_hash_in_hex() {
        LifecycleRecord committed = LifecycleRecord.newBuilder().setDefinition(DEFINITION).setDigest("9a".repeat(32))
                .addApprovals(Approval.newBuilder().setOrganization("org1").setApprover("admin").setTransactionId("t1"))
                .addApprovals(Approval.newBuilder().setOrganization("org2").setApprover("admin").setTransactionId("t2"))
                .setCommitTransactionId("t3").setBlockNumber(7).build();

        String detail = StepDetails.of(committed);

        assertThat(detail).isEqualTo("records 1.0.0 sequence 1 ACTIVE, code hash " + CODE_HASH + ", policy MAJORITY, "
                + "digest " + "9a".repeat(32) + ", approved by org1, org2; block 7, transaction t3");
        assertThat(detail).doesNotContain("\\");
    }

    @Test
    void any_other_message_is_shown_field_by_field_with_bytes_in_hex() {
        String detail = StepDetails.of(DEFINITION);

        assertThat(detail).isEqualTo("name: records, version: 1.0.0, sequence: 1, code_hash: " + CODE_HASH
                + ", policy: MAJORITY, status: ACTIVE");
    }

    @Test
    void text_and_numbers_are_shown_as_they_are() {
        assertThat(StepDetails.of("ab12")).isEqualTo("ab12");
        assertThat(StepDetails.of(2)).isEqualTo("2");
        assertThat(StepDetails.of(null)).isNull();
    }
}
