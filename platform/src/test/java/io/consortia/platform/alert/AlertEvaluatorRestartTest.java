package io.consortia.platform.alert;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.certificate.CertificateService;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.deploy.DeploymentService;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.monitoring.NodeSample;
import io.consortia.platform.monitoring.NodeSamples;
import io.consortia.platform.system.PlatformProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.TaskScheduler;

/**
 * After a platform restart the scraped history starts empty. An alert opened before the restart on
 * a rule that looks back over a window (here: leader changes in 10 minutes) used to be resolved at
 * the first evaluation, as if its cause had cleared, and opened again (a second notification pair)
 * once the history held it again. It now stays open until the platform has watched a whole window.
 */
class AlertEvaluatorRestartTest {
    private static final Instant STARTED = Instant.parse("2026-12-06T05:00:00Z");
    private static final long WINDOW = 600;

    private final AlertRepository repository = mock(AlertRepository.class);
    private final Nodes nodes = mock(Nodes.class);
    private final List<NodeSample> scraped = new ArrayList<>();
    private final Consortium consortium = mock(Consortium.class);
    private AlertEvaluator evaluator;

    @BeforeEach
    void evaluatorJustStarted() {
        AlertRule rule = new AlertRule(7, 1, RuleKind.LEADER_CHANGES, 3, WINDOW, 0, true, "platform", 0, null, null);
        Alert openBeforeRestart = new Alert(70, 1, 7, RuleKind.LEADER_CHANGES, RuleKind.Severity.WARNING,
                "channel main", "5 Raft leader changes on channel main within 10 minutes (more than 3)", Alert.OPEN,
                STARTED.minusSeconds(120).toEpochMilli(), null, null, null, null, null, List.of());
        when(repository.rules(1)).thenReturn(List.of(rule));
        when(repository.unresolved(7)).thenReturn(List.of(openBeforeRestart));
        when(repository.alert(70)).thenReturn(Optional.of(openBeforeRestart));
        when(consortium.id()).thenReturn(1L);
        when(consortium.name()).thenReturn("c1");
        when(nodes.ofConsortium(1)).thenReturn(List.of(new NodeRecord(1, "c1-org1-1", 1, 1, "127.0.0.1", 21000,
                21001, 21002, "/tmp/n1", "RUNNING", NodeStatus.RUNNING, 100L, 0, null, 0)));
        NodeSamples samples = new NodeSamples() {
            @Override
            public Optional<NodeSample> latest(long nodeRecordId) {
                return scraped.isEmpty() ? Optional.empty() : Optional.of(scraped.get(scraped.size() - 1));
            }

            @Override
            public List<NodeSample> history(long nodeRecordId, Instant since) {
                return scraped.stream().filter(s -> !s.at().isBefore(since)).toList();
            }
        };
        @SuppressWarnings("unchecked")
        ObjectProvider<NodeSamples> provider = mock(ObjectProvider.class);
        when(provider.getIfAvailable()).thenReturn(samples);
        PlatformProperties platform = mock(PlatformProperties.class, RETURNS_DEEP_STUBS);
        when(platform.node().startTimeout()).thenReturn(Duration.ofSeconds(90));
        evaluator = new AlertEvaluator(repository, mock(AlertService.class), mock(AlertNotifier.class),
                mock(ConsortiumService.class), nodes, mock(CertificateService.class), mock(DeploymentService.class),
                provider, mock(TaskScheduler.class), mock(AlertProperties.class), platform);
    }

    /** The node's leader-change counter, steady since the restart: no change within what was seen. */
    private void scrape(Instant at) {
        scraped.add(new NodeSample(1, "c1-org1-1", 1, at, true, Map.of("main", 40L), Map.of(), Map.of("main", 5L),
                null, null, null, null));
    }

    @Test
    void an_alert_on_a_window_is_kept_open_until_the_restarted_platform_has_watched_a_whole_window() {
        evaluator.evaluate(consortium, STARTED); // nothing scraped yet
        for (long s = 15; s < WINDOW; s += 15) {
            scrape(STARTED.plusSeconds(s));
            evaluator.evaluate(consortium, STARTED.plusSeconds(s));
        }
        verify(repository, never()).resolve(anyLong(), anyString(), anyLong());

        scrape(STARTED.plusSeconds(WINDOW + 15));
        evaluator.evaluate(consortium, STARTED.plusSeconds(WINDOW + 15));

        verify(repository).resolve(eq(70L), eq("The condition cleared"), anyLong());
    }
}
