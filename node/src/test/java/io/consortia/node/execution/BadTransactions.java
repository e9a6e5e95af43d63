package io.consortia.node.execution;

import com.google.protobuf.ByteString;
import io.consortia.protocol.v1.Creator;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.ValidationCode;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One transaction per kind of bad input, with the code every node must give it, for
 * parameterized tests of admission and execution. Each is otherwise a valid notarization.
 */
final class BadTransactions {
    static final String HASH = "0f".repeat(32);
    private static final long MINUTE = 60_000;

    private BadTransactions() {}

    static Stream<Arguments> all() {
        return Stream.of(
                bad("a signature by another key", ValidationCode.BAD_SIGNATURE,
                        n -> notarize(n).signedBy(n.client("Org2"))),
                bad("an organisation outside the channel", ValidationCode.UNKNOWN_ORGANIZATION,
                        n -> n.client("Mallory").call("notarization", "record", HASH).build()),
                bad("another member's certificate", ValidationCode.BAD_CERTIFICATE,
                        n -> n.client("Org2").call("notarization", "record", HASH).claimOrganization("Org1").build()),
                bad("an outsider's certificate claiming a member", ValidationCode.BAD_CERTIFICATE,
                        n -> n.client("Mallory").call("notarization", "record", HASH).claimOrganization("Org1").build()),
                bad("a certificate id nobody registered", ValidationCode.UNKNOWN_CERTIFICATE,
                        n -> notarize(n).creator(Creator.newBuilder().setOrganization("Org1")
                                .setCertificateId(ByteString.copyFrom(new byte[32])).build()).build()),
                bad("a certificate id that is not a hash", ValidationCode.BAD_CERTIFICATE,
                        n -> notarize(n).creator(Creator.newBuilder().setOrganization("Org1")
                                .setCertificateId(ByteString.copyFromUtf8("my-cert")).build()).build()),
                bad("an oversized payload", ValidationCode.PAYLOAD_TOO_LARGE,
                        n -> notarize(n).addArg(ByteString.copyFrom(new byte[1024 * 1024])).build()),
                bad("bytes that are not a payload", ValidationCode.MALFORMED,
                        n -> Transaction.newBuilder().setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, 1, 2}))
                                .setSignature(ByteString.copyFromUtf8("sig")).build()),
                bad("an empty transaction", ValidationCode.MALFORMED, n -> Transaction.getDefaultInstance()),
                bad("a payload without a contract", ValidationCode.MALFORMED,
                        n -> n.client("Org1").call("", "record", HASH).build()),
                bad("a missing signature", ValidationCode.MALFORMED,
                        n -> notarize(n).build().toBuilder().clearSignature().build()),
                bad("too many arguments", ValidationCode.MALFORMED,
                        n -> n.client("Org1").call("notarization", "record", java.util.Collections.nCopies(65, "x").toArray(new String[0])).build()),
                bad("another channel", ValidationCode.UNKNOWN_CHANNEL, n -> notarize(n).channel("elsewhere").build()),
                bad("a timestamp eleven minutes old", ValidationCode.TIMESTAMP_OUT_OF_WINDOW,
                        n -> notarize(n).timestamp(n.now() - 11 * MINUTE).build()),
                bad("a timestamp eleven minutes ahead", ValidationCode.TIMESTAMP_OUT_OF_WINDOW,
                        n -> notarize(n).timestamp(n.now() + 11 * MINUTE).build()),
                bad("an unknown contract", ValidationCode.UNKNOWN_CONTRACT,
                        n -> n.client("Org1").call("lottery", "draw").build()),
                bad("an unknown function", ValidationCode.UNKNOWN_FUNCTION,
                        n -> n.client("Org1").call("notarization", "erase", HASH).build()));
    }

    static TestClient.Call notarize(TestNetworkFixture network) {
        return network.client("Org1").call("notarization", "record", HASH);
    }

    private static Arguments bad(String description, ValidationCode code, Function<TestNetworkFixture, Transaction> tx) {
        return Arguments.of(description, code, tx);
    }
}
