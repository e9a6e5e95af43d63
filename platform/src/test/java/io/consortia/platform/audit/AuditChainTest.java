package io.consortia.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuditChainTest {
    private static final AuditEvent EVENT = new AuditEvent(AuditEvent.USER, "alice", 3L,
            "POST /api/v1/consortia/{id}/channels", "id=7", "127.0.0.1", 201, "auth=bearer");

    @Test
    void the_hash_is_sha256_of_the_previous_hash_and_the_length_prefixed_fields_as_documented() throws Exception {
        AuditRecord record = AuditRecord.of(1, 1_700_000_000_000L, EVENT, AuditChain.GENESIS);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(AuditChain.GENESIS.getBytes(StandardCharsets.US_ASCII));
        for (String field : new String[] {"1", "1700000000000", "USER", "alice", "3",
                "POST /api/v1/consortia/{id}/channels", "id=7", "127.0.0.1", "201", "auth=bearer"}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            digest.update(bytes);
        }
        assertThat(record.hash()).isEqualTo(HexFormat.of().formatHex(digest.digest())).hasSize(64);
        assertThat(record.previousHash()).isEqualTo("0".repeat(64));
    }

    /** The worked example of docs/audit.md, computed there from the documented bytes alone. */
    @Test
    void the_documented_worked_example_holds() {
        AuditRecord first = AuditRecord.of(1, 1_700_000_000_000L, EVENT, AuditChain.GENESIS);
        AuditRecord second = AuditRecord.of(2, 1_700_000_000_500L, new AuditEvent(AuditEvent.USER, "anonymous", null,
                "POST /api/v1/auth/login", "", "127.0.0.1", 401, "auth=none"), first.hash());

        assertThat(first.hash()).isEqualTo("786b223a80a32d1b90de97e029893f835652c434d373b2f06d11203c1f8302a0");
        assertThat(second.hash()).isEqualTo("91ef0f89a66f0536106b9fbbf6771fca8de25b38f991a31f5540ec0786642eca");
    }

    @Test
    void every_field_and_the_previous_hash_change_the_hash_and_field_boundaries_count() {
        AuditRecord base = AuditRecord.of(5, 1000, EVENT, "a".repeat(64));
        assertThat(AuditRecord.of(5, 1000, EVENT, "b".repeat(64)).hash()).isNotEqualTo(base.hash());
        assertThat(AuditRecord.of(6, 1000, EVENT, "a".repeat(64)).hash()).isNotEqualTo(base.hash());
        assertThat(AuditRecord.of(5, 1001, EVENT, "a".repeat(64)).hash()).isNotEqualTo(base.hash());
        AuditEvent otherStatus = new AuditEvent(AuditEvent.USER, "alice", 3L, EVENT.action(), "id=7", "127.0.0.1",
                403, "auth=bearer");
        assertThat(AuditRecord.of(5, 1000, otherStatus, "a".repeat(64)).hash()).isNotEqualTo(base.hash());
        AuditEvent noOrganization = new AuditEvent(AuditEvent.USER, "alice", null, EVENT.action(), "id=7",
                "127.0.0.1", 201, "auth=bearer");
        assertThat(AuditRecord.of(5, 1000, noOrganization, "a".repeat(64)).hash()).isNotEqualTo(base.hash());
        // the same characters split differently between two fields hash differently
        AuditEvent split1 = new AuditEvent(AuditEvent.USER, "ab", null, "c", "", "", 200, "");
        AuditEvent split2 = new AuditEvent(AuditEvent.USER, "a", null, "bc", "", "", 200, "");
        assertThat(AuditRecord.of(1, 0, split1, AuditChain.GENESIS).hash())
                .isNotEqualTo(AuditRecord.of(1, 0, split2, AuditChain.GENESIS).hash());
    }

    @Test
    void long_values_are_clipped_to_their_columns_before_hashing() {
        AuditEvent event = new AuditEvent(null, null, null, "x".repeat(500), null, null, 200, "d".repeat(5000));
        assertThat(event.actor()).isEqualTo("anonymous");
        assertThat(event.actorKind()).isEqualTo("USER");
        assertThat(event.action()).hasSize(200);
        assertThat(event.details()).hasSize(2000);
        assertThat(event.target()).isEmpty();
    }
}
