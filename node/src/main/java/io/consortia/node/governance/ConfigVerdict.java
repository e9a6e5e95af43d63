package io.consortia.node.governance;

import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.ValidationCode;

/** The verdict on a configuration change: VALID with the next configuration, or a CONFIG_* code with a reason. */
public record ConfigVerdict(ValidationCode code, String reason, ChannelConfig next) {

    static ConfigVerdict valid(ChannelConfig next) {
        return new ConfigVerdict(ValidationCode.VALID, "", next);
    }

    static ConfigVerdict refused(ValidationCode code, String reason) {
        return new ConfigVerdict(code, reason, null);
    }

    public boolean valid() {
        return code == ValidationCode.VALID;
    }
}
