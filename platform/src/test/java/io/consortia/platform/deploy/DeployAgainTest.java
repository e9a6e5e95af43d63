package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.SchemeChoice;
import io.consortia.platform.system.PlatformException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a deploy asked again says, before anything is recorded. */
class DeployAgainTest {
    private AddNodeFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new AddNodeFixture("LOCAL", consortia -> mock(Deployer.class), Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void status(ConsortiumStatus status) {
        when(fixture.consortia.get(fixture.consortium)).thenReturn(new Consortium(fixture.consortium, "Acme Trade",
                SchemeChoice.ECDSA_P256, 2, "RAFT", "LOCAL", fixture.org1.id(), status, 0));
    }

    /** A double click on Deploy was told to delete the network it was deploying (found by a tester). */
    @Test
    void a_second_deploy_while_the_first_runs_says_to_follow_it_not_to_delete() {
        status(ConsortiumStatus.DEPLOYING);
        assertThatThrownBy(() -> fixture.deployments.deploy(fixture.leader, fixture.consortium, null))
                .isInstanceOfSatisfying(PlatformException.class, p -> org.assertj.core.api.Assertions
                        .assertThat(p.getMessage()).contains("is being deployed").doesNotContain("delete"));
        org.assertj.core.api.Assertions.assertThat(fixture.records.ofConsortium(fixture.consortium)).isEmpty();
    }

    @Test
    void a_deploy_of_a_running_network_says_to_delete_it_first() {
        status(ConsortiumStatus.RUNNING);
        assertThatThrownBy(() -> fixture.deployments.deploy(fixture.leader, fixture.consortium, null))
                .isInstanceOf(PlatformException.class).hasMessageContaining("delete it before deploying again");
    }
}
