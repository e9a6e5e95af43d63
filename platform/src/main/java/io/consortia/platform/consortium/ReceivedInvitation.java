package io.consortia.platform.consortium;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * An invitation as its organisation receives it: the invitation's own fields and, while it is
 * PENDING, what the organisation is asked to join ({@code consortium}; null once decided: a
 * declined organisation follows the consortium no further, a member reads it directly).
 */
public record ReceivedInvitation(@JsonUnwrapped Invitation invitation, InvitedConsortium consortium) {}
