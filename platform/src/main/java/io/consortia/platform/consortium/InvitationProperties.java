package io.consortia.platform.consortium;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Invitation configuration, prefix {@code consortia.invitations}.
 *
 * @param validity how long an invitation can be answered after it was sent; then it is EXPIRED and
 *     the leader may invite the organisation again. Counted from the sending, so a changed setting
 *     applies to invitations already sent.
 */
@ConfigurationProperties("consortia.invitations")
public record InvitationProperties(@DefaultValue("14d") Duration validity) {
    public InvitationProperties {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("consortia.invitations.validity must be positive, was " + validity);
        }
    }
}
