package io.consortia.platform.certificate;

import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.PlatformRole;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Every certificate in use, of every consortium, as a Prometheus gauge of the seconds until it
 * expires ({@code consortia_platform_certificate_expiry_seconds}), so that one alert rule watches
 * certificate expiry across consortia beside disks and nodes. The set of certificates is read again
 * every {@link #REFRESH} (renewals, new nodes, new consortia); the value is computed at each scrape.
 */
@Component
class CertificateMetrics {
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(CertificateMetrics.class);
    private static final Caller SYSTEM = new Caller(0, "certificate-metrics", PlatformRole.AUDITOR, null, null);
    private final ConsortiumService consortia;
    private final CertificateInventory inventory;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final MultiGauge expiry;
    private ScheduledFuture<?> task;

    CertificateMetrics(ConsortiumService consortia, CertificateInventory inventory, TaskScheduler scheduler,
            MeterRegistry meters) {
        this.consortia = consortia;
        this.inventory = inventory;
        this.scheduler = scheduler;
        this.clock = Clock.systemUTC();
        this.expiry = MultiGauge.builder("consortia.platform.certificate.expiry").baseUnit("seconds")
                .description("Seconds until a certificate in use expires (negative once expired)").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        task = scheduler.scheduleWithFixedDelay(this::refresh, REFRESH);
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void refresh() {
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (Consortium consortium : consortia.list(SYSTEM)) {
                for (CertificateView certificate : inventory.of(consortium.id())) {
                    if (certificate.inUse()) {
                        rows.add(MultiGauge.Row.of(tags(consortium, certificate), certificate,
                                c -> (c.notAfter() - clock.millis()) / 1000.0));
                    }
                }
            }
            expiry.register(rows, true);
        } catch (RuntimeException e) {
            LOG.warn("Reading the certificates for their expiry metric failed: {}", e.toString());
        }
    }

    private static Tags tags(Consortium consortium, CertificateView certificate) {
        return Tags.of("consortium", Long.toString(consortium.id()), "consortium_name", consortium.name(),
                "organization", certificate.organization(), "role", certificate.role().name(),
                "subject", certificate.subject(), "serial", certificate.serial());
    }
}
