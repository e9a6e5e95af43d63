package io.consortia.node.governance;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.consortia.crypto.SignatureScheme;
import io.consortia.node.consensus.ChannelConfigValidator;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ConfigUpdate;
import io.consortia.protocol.v1.SignedConfigUpdate;
import io.consortia.protocol.v1.ValidationCode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides a configuration-change transaction against the configuration in force, in a fixed
 * order so every node (and admission) reports the same code: the argument's form
 * (CONFIG_INVALID), the base version (CONFIG_VERSION_MISMATCH), the next configuration's validity
 * and the change rules (CONFIG_INVALID), every signature (CONFIG_SIGNER_NOT_ADMIN), then the
 * policy (CONFIG_POLICY_NOT_MET). A pure function of its inputs: thread-safe.
 */
public final class ConfigUpdateVerifier {
    private final ChannelConfig current;
    private final CertificateCheck certificates;
    private final SignatureScheme scheme;

    /**
     * @param current      the configuration in force (its version counts as 1 when stored as 0)
     * @param certificates checks certificates against {@code current}'s organisations and revocations
     */
    public ConfigUpdateVerifier(ChannelConfig current, CertificateCheck certificates, SignatureScheme scheme) {
        Objects.requireNonNull(current, "current");
        this.current = current.getVersion() == 0 ? current.toBuilder().setVersion(1).build() : current;
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
    }

    /** The verdict on a transaction's arguments, with certificates checked at {@code at} (the block time at apply). */
    public ConfigVerdict verify(List<ByteString> args, Instant at) {
        if (args.size() != 1) {
            return invalid("a configuration change has exactly one argument, a serialized SignedConfigUpdate, not "
                    + args.size());
        }
        SignedConfigUpdate signed;
        ConfigUpdate update;
        try {
            signed = SignedConfigUpdate.parseFrom(args.get(0));
            update = ConfigUpdate.parseFrom(signed.getUpdate());
        } catch (InvalidProtocolBufferException e) {
            return invalid("the argument is not a serialized SignedConfigUpdate holding a serialized ConfigUpdate");
        }
        if (!update.getChannel().equals(current.getName())) {
            return invalid("the update is for channel '" + echo(update.getChannel()) + "', not '" + current.getName() + "'");
        }
        long version = current.getVersion();
        if (update.getBaseVersion() != version) {
            return ConfigVerdict.refused(ValidationCode.CONFIG_VERSION_MISMATCH, "the update is based on version "
                    + update.getBaseVersion() + " but the channel is at version " + version
                    + ": build it again from the current configuration and sign it again");
        }
        if (!update.hasConfig()) {
            return invalid("the update carries no configuration");
        }
        ChannelConfig next = update.getConfig();
        if (next.getVersion() != version + 1) {
            return invalid("the new configuration must have version " + (version + 1) + ", not " + next.getVersion());
        }
        List<String> problems = ChannelConfigValidator.problems(next);
        problems.addAll(ConfigChangeRules.problems(current, next));
        if (!problems.isEmpty()) {
            return invalid(String.join("; ", problems));
        }
        ConfigSignatures.Outcome signers = ConfigSignatures.check(signed, current, certificates, scheme, at);
        if (signers.problem() != null) {
            return ConfigVerdict.refused(ConfigSignatures.code(), signers.problem());
        }
        int members = current.getOrganizationsCount();
        int required = PolicyCount.required(current.getPolicy(), members);
        Set<String> signing = signers.organizations();
        if (signing.size() < required) {
            return ConfigVerdict.refused(ValidationCode.CONFIG_POLICY_NOT_MET, signing.size() + " of " + members
                    + " organizations signed " + signing + "; policy " + PolicyCount.effective(current.getPolicy())
                    + " needs " + required);
        }
        return ConfigVerdict.valid(next);
    }

    private static ConfigVerdict invalid(String reason) {
        return ConfigVerdict.refused(ValidationCode.CONFIG_INVALID, reason);
    }

    private static String echo(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
