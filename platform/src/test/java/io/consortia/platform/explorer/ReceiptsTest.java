package io.consortia.platform.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.BlockTransaction;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionInfo;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The explorer names the creator whether the transaction carries its certificate or names it by id. */
class ReceiptsTest {
    private static final ByteString DER;

    static {
        try {
            DER = ByteString.copyFrom(CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256,
                    Duration.ofDays(30)).issue(CertificateRole.USER, "alice", Duration.ofDays(30))
                    .certificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_creator_carrying_its_certificate_is_named_from_it() {
        var detail = ExplorerService.Receipts.detail("main",
                info(Creator.newBuilder().setOrganization("org1").setCertificate(DER).build(), ByteString.EMPTY),
                Hashes.sha256());

        assertThat(detail.creatorCommonName()).isEqualTo("alice");
        // the creator's clock and the block's are named apart
        assertThat(detail.createdAtMillis()).isEqualTo(1);
        assertThat(detail.blockTimestampMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(detail.header().blockTimestampMillis()).isEqualTo(1_700_000_000_000L);
        // this hand-made receipt has no proofs: the platform says so instead of vouching for it
        assertThat(detail.proofVerified()).isFalse();
        assertThat(detail.verificationFailure()).startsWith("the payload does not hash to the transaction id");
    }

    @Test
    void a_creator_named_by_certificate_id_is_named_from_the_certificate_the_node_returns() {
        Creator byId = Creator.newBuilder().setOrganization("org1")
                .setCertificateId(ByteString.copyFrom(Hashes.sha256().digest(DER.toByteArray()))).build();

        var resolved = ExplorerService.Receipts.detail("main", info(byId, DER), Hashes.sha256());
        var unresolved = ExplorerService.Receipts.detail("main", info(byId, ByteString.EMPTY), Hashes.sha256());

        assertThat(resolved.creatorCommonName()).isEqualTo("alice");
        assertThat(resolved.creatorOrganization()).isEqualTo("org1");
        assertThat(unresolved.creatorCommonName()).isNull();
    }

    private static TransactionInfo info(Creator creator, ByteString creatorCertificate) {
        TransactionPayload payload = TransactionPayload.newBuilder().setChannel("main").setCreator(creator)
                .setTimestampMillis(1).setContract("notarization").setFunction("record").build();
        return TransactionInfo.newBuilder()
                .setTransaction(BlockTransaction.newBuilder().setTransactionId("ab")
                        .setTransaction(Transaction.newBuilder().setPayload(payload.toByteString()))
                        .setCode(ValidationCode.VALID))
                .setCreatorCertificate(creatorCertificate)
                .setBlockHeader(io.consortia.protocol.v1.BlockHeader.newBuilder().setChannel("main")
                        .setTimestampMillis(1_700_000_000_000L))
                .build();
    }
}
