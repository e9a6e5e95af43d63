package io.consortia.platform.consortium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import io.consortia.platform.MutableClock;
import io.consortia.platform.OneConnectionDatabase;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.identity.PlatformRole;
import io.consortia.platform.organization.Organization;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A pending invitation ends by an answer, by the leader withdrawing it, or by expiring
 * unanswered; after the last two the organisation cannot accept it and may be invited again.
 */
class InvitationServiceTest {
    private static final Duration VALIDITY = Duration.ofDays(14);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private HikariDataSource pool;
    private InvitationService service;
    private ConsortiumService consortia;
    private long consortium;
    private Caller li;
    private Caller zhao;
    private Caller otherAdmin;
    private final Caller platformAdmin = new Caller(9, "admin", PlatformRole.ADMIN, null, null);

    @BeforeEach
    void setUp() {
        pool = OneConnectionDatabase.open();
        JdbcClient jdbc = JdbcClient.create(pool);
        long leader = OneConnectionDatabase.organization(jdbc, "leader-bank");
        long bank = OneConnectionDatabase.organization(jdbc, "invited-bank");
        long other = OneConnectionDatabase.organization(jdbc, "other-bank");
        consortium = OneConnectionDatabase.consortium(jdbc, leader);
        li = new Caller(1, "li", null, leader, OrganizationRole.ADMIN);
        zhao = new Caller(2, "zhao", null, bank, OrganizationRole.ADMIN);
        otherAdmin = new Caller(3, "wang", null, other, OrganizationRole.ADMIN);

        consortia = mock(ConsortiumService.class);
        Consortium led = new Consortium(consortium, "c", SchemeChoice.ECDSA_P256, 1, "RAFT", "LOCAL", leader,
                ConsortiumStatus.RUNNING, 0);
        when(consortia.get(consortium)).thenReturn(led);
        when(consortia.get(999)).thenThrow(PlatformException.notFound("Consortium", 999));
        when(consortia.requireLeader(li, consortium)).thenReturn(led);
        // seen by its leader and platform admins here (no other member); anyone else gets the 404 of an absent id
        when(consortia.requireVisible(any(), anyLong())).thenAnswer(call -> {
            Caller caller = call.getArgument(0);
            long id = call.getArgument(1);
            if (id != consortium || !(caller.seesEverything() || caller.isAdminOf(leader))) {
                throw PlatformException.notFound("Consortium", id);
            }
            return led;
        });
        OrganizationService organizations = mock(OrganizationService.class);
        when(organizations.get(anyLong())).thenAnswer(call -> new Organization(call.getArgument(0), "org", "Org", 0));
        service = new InvitationService(new InvitationRepository(jdbc, VALIDITY, clock), consortia, organizations,
                mock(ApplicationEventPublisher.class));
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    @Test
    void the_leader_withdraws_a_pending_invitation_which_then_cannot_be_accepted() {
        Invitation sent = service.invite(li, consortium, zhao.organizationId());

        Invitation withdrawn = service.withdraw(li, consortium, sent.id());

        assertThat(withdrawn.status()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.decidedBy()).isEqualTo("li");
        verify(consortia).record(consortium, zhao.organizationId(), "WITHDRAWN", "li");
        assertConflict(() -> service.accept(zhao, sent.id()), "was withdrawn by li",
                "the consortium leader can invite the organisation again");
        assertConflict(() -> service.decline(zhao, sent.id()), "was withdrawn");
        assertConflict(() -> service.withdraw(li, consortium, sent.id()), "was withdrawn");
        assertThat(service.mine(zhao)).extracting(r -> r.invitation().status()).containsExactly("WITHDRAWN");
        assertThat(service.mine(zhao).get(0).consortium()).isNull();
    }

    @Test
    void the_leader_invites_again_after_withdrawing() {
        Invitation first = service.invite(li, consortium, zhao.organizationId());
        assertConflict(() -> service.invite(li, consortium, zhao.organizationId()), "already has a pending invitation");
        service.withdraw(li, consortium, first.id());

        Invitation again = service.invite(li, consortium, zhao.organizationId());

        assertThat(again.status()).isEqualTo("PENDING");
        assertThat(service.accept(zhao, again.id()).status()).isEqualTo("ACCEPTED");
    }

    @Test
    void only_the_leader_or_a_platform_admin_withdraws_and_only_a_pending_invitation() {
        Invitation sent = service.invite(li, consortium, zhao.organizationId());
        // neither is a member: the consortium answers them as one that does not exist
        for (Caller refused : List.of(zhao, otherAdmin)) {
            assertThatThrownBy(() -> service.withdraw(refused, consortium, sent.id()))
                    .isInstanceOfSatisfying(PlatformException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        }
        assertThatThrownBy(() -> service.withdraw(li, consortium, 12345)).isInstanceOfSatisfying(
                PlatformException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThatThrownBy(() -> service.withdraw(li, 999, sent.id())).isInstanceOfSatisfying(
                PlatformException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(service.withdraw(platformAdmin, consortium, sent.id()).status()).isEqualTo("WITHDRAWN");

        Invitation accepted = service.invite(li, consortium, zhao.organizationId());
        service.accept(zhao, accepted.id());
        assertConflict(() -> service.withdraw(li, consortium, accepted.id()), "is already ACCEPTED");
    }

    @Test
    void an_unanswered_invitation_expires_after_the_validity() {
        Invitation sent = service.invite(li, consortium, zhao.organizationId());
        assertThat(sent.expiresAt()).isEqualTo(clock.millis() + VALIDITY.toMillis());

        clock.advance(VALIDITY.minusSeconds(1));
        assertThat(service.ofConsortium(li, consortium)).extracting(Invitation::status).containsExactly("PENDING");
        clock.advance(Duration.ofSeconds(1));

        assertThat(service.ofConsortium(li, consortium)).extracting(Invitation::status).containsExactly("EXPIRED");
        assertThat(service.mine(zhao)).extracting(r -> r.invitation().status()).containsExactly("EXPIRED");
        assertThat(service.mine(zhao).get(0).consortium()).as("no longer asked to join").isNull();
        assertConflict(() -> service.accept(zhao, sent.id()), "expired unanswered at 2026-01-15T00:00:00Z",
                "the consortium leader can invite the organisation again");
        assertConflict(() -> service.decline(zhao, sent.id()), "expired");
        assertConflict(() -> service.withdraw(li, consortium, sent.id()), "expired");
    }

    @Test
    void the_leader_invites_again_after_expiry_and_the_new_invitation_can_be_accepted() {
        service.invite(li, consortium, zhao.organizationId());
        clock.advance(VALIDITY);

        Invitation again = service.invite(li, consortium, zhao.organizationId());

        assertThat(service.ofConsortium(li, consortium)).extracting(Invitation::status)
                .containsExactly("EXPIRED", "PENDING");
        assertThat(service.accept(zhao, again.id()).status()).isEqualTo("ACCEPTED");
    }

    private static void assertConflict(Runnable call, String... detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.getMessage()).contains(detail);
        });
    }
}
