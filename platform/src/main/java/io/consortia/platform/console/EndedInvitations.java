package io.consortia.platform.console;

import io.consortia.platform.consortium.Invitation;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The invitations to the caller's organisation that ended without its answer (withdrawn by the
 * leader, or expired), recently: the dashboard lists pending invitations only, so without these
 * one the organisation was about to answer would vanish without a word.
 */
final class EndedInvitations {
    /** How long the dashboard keeps mentioning an ended invitation. */
    static final Duration SHOWN_FOR = Duration.ofDays(30);

    /** @param at when it was withdrawn, or when it expired */
    record Ended(Invitation invitation, Instant at) {}

    private EndedInvitations() {}

    /** Those withdrawn or expired within {@link #SHOWN_FOR} before {@code now}, newest first. */
    static List<Ended> recent(List<Invitation> mine, Instant now) {
        Instant since = now.minus(SHOWN_FOR);
        return mine.stream().map(EndedInvitations::ended).filter(Objects::nonNull)
                .filter(e -> !e.at().isBefore(since))
                .sorted(Comparator.comparing(Ended::at).reversed()).toList();
    }

    private static Ended ended(Invitation invitation) {
        return switch (invitation.status()) {
            case Invitation.WITHDRAWN -> invitation.decidedAt() == null ? null
                    : new Ended(invitation, Instant.ofEpochMilli(invitation.decidedAt()));
            case Invitation.EXPIRED -> new Ended(invitation, Instant.ofEpochMilli(invitation.expiresAt()));
            default -> null;
        };
    }
}
