package io.consortia.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import io.consortia.common.Poll;
import io.consortia.platform.consortium.ConsortiumStatus;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Found by a tester: the platform stopped (SIGTERM, a rescheduled pod) while a deployment waited for
 * its pods, and the deployment read FAILED "Interrupted while waiting", a wait's own words, in English on
 * the Chinese console too, and saying neither what happened nor that deploying again finishes it.
 */
class InterruptedDeploymentTest {
    private AddNodeFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new AddNodeFixture("LOCAL", consortia -> mock(Deployer.class), Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void a_deployment_the_platform_s_stop_cut_short_says_so_and_to_deploy_again() {
        Deployment started = fixture.deployments.launch(fixture.leader, fixture.consortium, "DEPLOY",
                ConsortiumStatus.DEPLOYING, progress -> {
                    progress.step(DeploymentTexts.PODS_READY.of(0, 1), null,
                            () -> Poll.until(Duration.ofMinutes(5), Duration.ofMillis(50), () -> null));
                    return ConsortiumStatus.RUNNING;
                });
        await().atMost(Duration.ofSeconds(30)).until(() -> !fixture.records.byId(started.id()).orElseThrow().steps()
                .isEmpty());

        fixture.deployments.shutdown(); // what the platform's stop does to the deployments' threads

        Deployment ended = fixture.finished(started);
        assertThat(ended.status()).isEqualTo("FAILED");
        assertThat(ended.reason()).isEqualTo("The platform stopped during this deployment, so the network may be "
                + "partly deployed: deploy it again to finish it");
        assertThat(ended.steps()).singleElement().satisfies(step -> {
            assertThat(step.status()).isEqualTo("FAILED");
            assertThat(step.detail()).isEqualTo(DeploymentTexts.INTERRUPTED.of());
        });
        DeploymentTexts texts = new DeploymentTexts(io.consortia.platform.web.ConsoleTemplates.messages());
        assertThat(texts.text(ended.reason(), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("平台在此次部署期间停止，网络可能只部署了一部分：请再次部署以完成部署");
        assertThat(texts.text(ended.steps().get(0).detail(), Locale.SIMPLIFIED_CHINESE)).isEqualTo("被平台重启中断");
    }

    /** Another operation (a node's add, a stop) keeps the general sentence; a failure of its own keeps its words. */
    @Test
    void only_an_interruption_reads_as_the_platform_s_stop() {
        RuntimeException interrupted = interruptedWait();
        assertThat(Interruptions.reason("ADD_NODE", interrupted)).isEqualTo(DeploymentTexts.INTERRUPTED.of());
        assertThat(Interruptions.reason("DEPLOY", new IllegalStateException("wrapped", interrupted)))
                .isEqualTo(DeploymentTexts.DEPLOY_INTERRUPTED.of());
        assertThat(Interruptions.reason("DEPLOY", new IllegalStateException("Only 0 of 1 pods became ready")))
                .isEqualTo("Only 0 of 1 pods became ready");
    }

    /** What a wait throws when the platform's stop interrupts it. */
    private static RuntimeException interruptedWait() {
        Thread.currentThread().interrupt();
        try {
            Poll.until(Duration.ofMinutes(1), Duration.ofSeconds(1), () -> null);
            throw new AssertionError("the wait was not interrupted");
        } catch (Poll.PollInterruptedException e) {
            return e;
        } finally {
            Thread.interrupted(); // the test's thread goes on
        }
    }
}
