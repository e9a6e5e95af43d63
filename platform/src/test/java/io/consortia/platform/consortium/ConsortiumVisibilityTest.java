package io.consortia.platform.consortium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.OrganizationRole;
import io.consortia.platform.identity.PlatformRole;
import io.consortia.platform.organization.OrganizationService;
import io.consortia.platform.system.PlatformException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * A consortium an organisation is not in must answer it exactly as an id no consortium has (a
 * tester told private consortia apart from absent ids by a 403 against a 404).
 */
class ConsortiumVisibilityTest {
    private static final long PRIVATE = 2;
    private static final long ABSENT = 999;
    private static final long LEADER_ORG = 7;
    private static final long MEMBER_ORG = 8;
    private static final long OUTSIDER_ORG = 1;

    private final Caller leader = new Caller(1, "wang", null, LEADER_ORG, OrganizationRole.ADMIN);
    private final Caller member = new Caller(2, "li", null, MEMBER_ORG, OrganizationRole.ADMIN);
    private final Caller outsider = new Caller(3, "zhao", null, OUTSIDER_ORG, OrganizationRole.ADMIN);
    private final Caller auditor = new Caller(4, "sun", PlatformRole.AUDITOR, null, null);
    private ConsortiumService service;

    @BeforeEach
    void setUp() {
        ConsortiumRepository repository = mock(ConsortiumRepository.class);
        when(repository.byId(PRIVATE)).thenReturn(Optional.of(new Consortium(PRIVATE, "wang-private",
                SchemeChoice.ECDSA_P256, 1, "RAFT", "LOCAL", LEADER_ORG, ConsortiumStatus.RUNNING, 0)));
        when(repository.byId(ABSENT)).thenReturn(Optional.empty());
        when(repository.memberIds(PRIVATE)).thenReturn(List.of(LEADER_ORG, MEMBER_ORG));
        service = new ConsortiumService(repository, mock(OrganizationService.class), mock(CustodyService.class),
                null); // deployment targets play no part in who sees a consortium
    }

    @Test
    void a_non_member_gets_the_answer_of_an_absent_id() {
        PlatformException hidden = catchThrowableOfType(PlatformException.class,
                () -> service.requireVisible(outsider, PRIVATE));
        PlatformException absent = catchThrowableOfType(PlatformException.class,
                () -> service.requireVisible(outsider, ABSENT));
        assertSame(hidden, absent);
    }

    @Test
    void a_non_member_asking_for_a_leader_action_gets_the_answer_of_an_absent_id_too() {
        PlatformException hidden = catchThrowableOfType(PlatformException.class,
                () -> service.requireLeader(outsider, PRIVATE));
        PlatformException absent = catchThrowableOfType(PlatformException.class,
                () -> service.requireLeader(outsider, ABSENT));
        assertSame(hidden, absent);
    }

    @Test
    void a_node_of_a_consortium_not_theirs_is_a_node_no_one_has() {
        PlatformException hidden = catchThrowableOfType(PlatformException.class,
                () -> service.requireNodeVisible(outsider, PRIVATE, "c2-outsider-bank-0"));
        assertThat(hidden.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(hidden.type()).isEqualTo("not-found");
        assertThat(hidden.getMessage()).isEqualTo("Node c2-outsider-bank-0 does not exist");
        assertThat(service.requireNodeVisible(member, PRIVATE, "c2-li-0").id()).isEqualTo(PRIVATE);
    }

    @Test
    void those_who_see_it_keep_seeing_it_and_a_member_that_does_not_lead_is_refused_with_403() {
        assertThat(service.requireVisible(member, PRIVATE).id()).isEqualTo(PRIVATE);
        assertThat(service.requireVisible(auditor, PRIVATE).id()).isEqualTo(PRIVATE);
        assertThat(service.requireLeader(leader, PRIVATE).id()).isEqualTo(PRIVATE);
        PlatformException refused = catchThrowableOfType(PlatformException.class,
                () -> service.requireLeader(member, PRIVATE));
        assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getMessage()).contains("Only the consortium leader");
    }

    private static void assertSame(PlatformException hidden, PlatformException absent) {
        assertThat(hidden).isNotNull();
        assertThat(absent).isNotNull();
        assertThat(hidden.status()).isEqualTo(absent.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(hidden.type()).isEqualTo(absent.type());
        assertThat(hidden.extensions()).isEqualTo(absent.extensions());
        assertThat(hidden.getMessage().replace(String.valueOf(PRIVATE), "N"))
                .isEqualTo(absent.getMessage().replace(String.valueOf(ABSENT), "N"))
                .isEqualTo("Consortium N does not exist");
    }
}
