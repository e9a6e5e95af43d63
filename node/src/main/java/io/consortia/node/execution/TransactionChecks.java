package io.consortia.node.execution;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.crypto.HashFunction;
import io.consortia.crypto.Hashes;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.contracts.Contract;
import io.consortia.node.contracts.ContractRegistry;
import io.consortia.node.contracts.lifecycle.LifecycleContract;
import io.consortia.node.governance.ConfigTransactions;
import io.consortia.protocol.v1.Transaction;
import io.consortia.protocol.v1.TransactionPayload;
import io.consortia.protocol.v1.ValidationCode;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The stateless checks shared by admission, block execution and evaluation, in one fixed
 * order so every path reports the same code for the same fault: size, parse, channel,
 * timestamp, membership, signature, contract, function. Stateful checks (duplicates, whether a
 * user contract is committed) and execution are the caller's. Thread-safe and lock-free: called from the verify pool.
 */
final class TransactionChecks {
    /** Vouches for nothing: every signature is verified. */
    static final BiPredicate<String, ByteString> VERIFY_ALL = (id, signature) -> false;

    private final String channel;
    private final Membership membership;
    private final ContractRegistry contracts;
    private final HashFunction hash;
    private final SignatureScheme scheme;
    private final ExecutionLimits limits;

    TransactionChecks(String channel, Membership membership, ContractRegistry contracts, HashFunction hash,
            SignatureScheme scheme, ExecutionLimits limits) {
        this.channel = channel;
        this.membership = membership;
        this.contracts = contracts;
        this.hash = hash;
        this.scheme = scheme;
        this.limits = limits;
    }

    /**
     * Runs every check against {@code referenceMillis} (the node's clock at admission, the
     * batch timestamp at execution). The signature is verified unless
     * {@code alreadyVerified} vouches for the (transaction id, signature) pair. Never throws.
     */
    Screened check(Transaction tx, long referenceMillis, BiPredicate<String, ByteString> alreadyVerified) {
        byte[] payloadBytes = tx.getPayload().toByteArray();
        byte[] idHash = hash.digest(payloadBytes);
        Screened result = new Screened(Hashes.hex(idHash), idHash, ValidationCode.VALID, "", null, null);
        try {
            return checkFrom(result, tx, payloadBytes, referenceMillis, alreadyVerified);
        } catch (RuntimeException e) {
            // the crypto library may throw on inputs we did not anticipate; bad input never crashes the node
            return result.refuse(ValidationCode.MALFORMED, "transaction could not be checked: " + e.getClass().getSimpleName());
        }
    }

    private Screened checkFrom(Screened start, Transaction tx, byte[] payloadBytes, long referenceMillis,
            BiPredicate<String, ByteString> alreadyVerified) {
        if (tx.getSerializedSize() > limits.maxTransactionBytes()) {
            return start.refuse(ValidationCode.PAYLOAD_TOO_LARGE, "transaction is " + tx.getSerializedSize()
                    + " bytes; the limit is " + limits.maxTransactionBytes());
        }
        TransactionPayload payload;
        try {
            payload = TransactionPayload.parseFrom(payloadBytes);
        } catch (InvalidProtocolBufferException e) {
            return start.refuse(ValidationCode.MALFORMED, "payload is not a serialized TransactionPayload");
        }
        Screened parsed = new Screened(start.id(), start.idHash(), ValidationCode.VALID, "", payload, null);
        String missing = missingField(tx, payload);
        if (missing != null) {
            return parsed.refuse(ValidationCode.MALFORMED, missing);
        }
        if (!payload.getChannel().equals(channel)) {
            return parsed.refuse(ValidationCode.UNKNOWN_CHANNEL,
                    "transaction is for channel '" + payload.getChannel() + "', this is channel '" + channel + "'");
        }
        long skew = payload.getTimestampMillis() - referenceMillis;
        if (Math.abs(skew) > limits.timestampWindowMillis()) {
            return parsed.refuse(ValidationCode.TIMESTAMP_OUT_OF_WINDOW, "timestamp " + payload.getTimestampMillis()
                    + " is " + skew + " ms from " + referenceMillis + "; allowed ±" + limits.timestampWindowMillis()
                    + " ms (check the client's clock, or resubmit with a fresh timestamp and nonce)");
        }
        CreatorCheck creator = membership.check(payload.getCreator(), Instant.ofEpochMilli(referenceMillis));
        Screened identified = new Screened(start.id(), start.idHash(), ValidationCode.VALID, "", payload, creator);
        if (!creator.valid()) {
            return identified.refuse(creator.code(), creator.reason());
        }
        if (!alreadyVerified.test(start.id(), tx.getSignature())
                && !scheme.verify(creator.publicKey(), payloadBytes, tx.getSignature().toByteArray())) {
            return identified.refuse(ValidationCode.BAD_SIGNATURE,
                    "signature does not verify with the creator's certificate over the payload bytes (" + scheme + ")");
        }
        if (ConfigTransactions.isConfigUpdate(payload)) {
            // the node's own configuration-change transaction: decided by the caller (governance)
            return payload.getFunction().equals(ConfigTransactions.FUNCTION) ? identified
                    : identified.refuse(ValidationCode.UNKNOWN_FUNCTION, "contract " + ConfigTransactions.CONTRACT
                            + " has only the function '" + ConfigTransactions.FUNCTION + "'");
        }
        if (LifecycleContract.NAME.equals(payload.getContract())) {
            return LifecycleContract.hasLifecycleFunction(payload.getFunction()) ? identified
                    : identified.refuse(ValidationCode.UNKNOWN_FUNCTION, "contract " + LifecycleContract.NAME
                            + " has no function '" + payload.getFunction() + "'");
        }
        Optional<Contract> contract = contracts.find(payload.getContract());
        if (contract.isEmpty() && LifecycleContract.isUserContractName(payload.getContract())) {
            // a user contract: whether it exists, runs and has the function depends on the lifecycle's
            // state, which these stateless checks do not see (see isUserContract)
            return identified;
        }
        if (contract.isEmpty()) {
            return identified.refuse(ValidationCode.UNKNOWN_CONTRACT, "no contract named '" + payload.getContract() + "'");
        }
        if (!contract.get().hasFunction(payload.getFunction())) {
            return identified.refuse(ValidationCode.UNKNOWN_FUNCTION,
                    "contract " + payload.getContract() + " has no function '" + payload.getFunction() + "'");
        }
        return identified;
    }

    /**
     * Whether a screened-valid payload calls a user (WebAssembly) contract, decided by the caller
     * against the lifecycle's state: neither a built-in nor a system contract.
     */
    boolean isUserContract(TransactionPayload payload) {
        return !ConfigTransactions.isConfigUpdate(payload) && !LifecycleContract.NAME.equals(payload.getContract())
                && contracts.find(payload.getContract()).isEmpty();
    }

    private String missingField(Transaction tx, TransactionPayload payload) {
        if (payload.getChannel().isEmpty()) {
            return "payload has no channel";
        }
        if (!payload.hasCreator() || payload.getCreator().getOrganization().isEmpty()) {
            return "payload has no creator organization";
        }
        if (payload.getCreator().getCredentialCase() == io.consortia.protocol.v1.Creator.CredentialCase.CREDENTIAL_NOT_SET) {
            return "payload's creator has neither a certificate nor a certificate id";
        }
        if (payload.getTimestampMillis() <= 0) {
            return "payload has no timestamp";
        }
        if (payload.getContract().isEmpty() || payload.getFunction().isEmpty()) {
            return "payload names no contract and function";
        }
        if (payload.getArgsCount() > limits.maxArgs()) {
            return "payload has " + payload.getArgsCount() + " arguments; the limit is " + limits.maxArgs();
        }
        if (tx.getSignature().equals(ByteString.EMPTY)) {
            return "transaction has no signature";
        }
        return null;
    }
}
