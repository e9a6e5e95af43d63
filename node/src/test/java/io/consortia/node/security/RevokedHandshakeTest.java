package io.consortia.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import io.consortia.crypto.CertificateAuthority;
import io.consortia.crypto.CertificateRole;
import io.consortia.crypto.IssuedCredential;
import io.consortia.crypto.Pem;
import io.consortia.crypto.SignatureScheme;
import io.consortia.protocol.v1.ChannelConfig;
import io.consortia.protocol.v1.Organization;
import io.consortia.protocol.v1.RevokedCertificate;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A real TLS handshake with the node's server context (Netty's OpenSSL, as the node serves its
 * API): a client presenting a certificate its organisation revoked in a channel configuration
 * gets the certificate_revoked alert, not internal_error, and the node logs one line naming the
 * certificate however often the client retries.
 */
class RevokedHandshakeTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final CertificateAuthority ORG1 = CertificateAuthority.create("org1", SignatureScheme.ECDSA_P256_SHA256, DAY);
    private static final CertificateAuthority ORG2 = CertificateAuthority.create("org2", SignatureScheme.ECDSA_P256_SHA256, DAY);

    @TempDir
    Path dir;
    private Server server;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RevokedHandshakeLog.class);

    @BeforeEach
    void captureLog() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stop() throws InterruptedException {
        logger.detachAppender(lines);
        if (server != null) {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_revoked_client_certificate_gets_the_certificate_revoked_alert_and_one_log_line() throws Exception {
        TlsMaterial tls = serve();
        IssuedCredential thief = ORG2.issueTls(CertificateRole.NODE, "c1-org2-1", List.of("127.0.0.1"), DAY);
        IssuedCredential honest = ORG2.issueTls(CertificateRole.NODE, "c1-org2-0", List.of("127.0.0.1"), DAY);
        tls.trustChannels(List.of(channel(thief, "cessationOfOperation: node c1-org2-1 deleted")));

        assertThat(health(honest)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        for (int attempt = 0; attempt < 3; attempt++) { // a client retrying in a loop
            assertThatThrownBy(() -> health(thief)).isInstanceOfSatisfying(StatusRuntimeException.class,
                    e -> assertThat(causes(e)).as("what the client is told")
                            .anySatisfy(m -> assertThat(m).containsIgnoringCase("CERTIFICATE_REVOKED"))
                            .noneSatisfy(m -> assertThat(m).containsIgnoringCase("INTERNAL_ERROR")));
        }

        String serial = thief.certificate().getSerialNumber().toString(16);
        assertThat(lines.list).as("one line for three refusals of the same certificate").singleElement()
                .satisfies(line -> {
                    assertThat(line.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                    assertThat(line.getFormattedMessage()).contains("TLS handshake refused", "client",
                            "serial " + serial, "CN=c1-org2-1", "issued by " + ORG2.tlsRoot().getSubjectX500Principal()
                                    .getName(), "cessationOfOperation: node c1-org2-1 deleted")
                            .doesNotContain("PRIVATE");
                });
        assertThat(health(honest)).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    @Test
    void a_certificate_refused_again_after_a_minute_is_logged_again_with_what_was_left_out() {
        Logger test = (Logger) LoggerFactory.getLogger("revoked-handshake-log-test");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        test.addAppender(captured);
        AtomicLong now = new AtomicLong(5);
        RevokedHandshakeLog log = new RevokedHandshakeLog(test, now::get);
        IssuedCredential a = ORG2.issueTls(CertificateRole.NODE, "a", List.of("127.0.0.1"), DAY);
        IssuedCredential b = ORG2.issueTls(CertificateRole.NODE, "b", List.of("127.0.0.1"), DAY);
        java.time.Instant at = java.time.Instant.ofEpochMilli(1_000);

        for (int i = 0; i < 50; i++) {
            log.refused("client", a.certificate(), at, "key compromise\nforged line");
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        }
        log.refused("server", b.certificate(), at, "");
        assertThat(captured.list).hasSize(2);
        assertThat(captured.list.get(0).getFormattedMessage()).contains("key compromise forged line")
                .doesNotContain("\n");

        now.addAndGet(RevokedHandshakeLog.PERIOD_NANOS);
        log.refused("client", a.certificate(), at, "key compromise");
        assertThat(captured.list).hasSize(3);
        assertThat(captured.list.get(2).getFormattedMessage()).contains("49 more refusals of it in the last minute");
    }

    @Test
    void a_reason_that_starts_with_a_crl_reason_names_it() {
        assertThat(ChannelTrustManager.crlReason("cessationOfOperation: node deleted"))
                .isEqualTo(java.security.cert.CRLReason.CESSATION_OF_OPERATION);
        assertThat(ChannelTrustManager.crlReason("key compromise")).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        assertThat(ChannelTrustManager.crlReason("laptop stolen")).isEqualTo(java.security.cert.CRLReason.UNSPECIFIED);
        assertThat(ChannelTrustManager.crlReason("")).isEqualTo(java.security.cert.CRLReason.UNSPECIFIED);
    }

    private TlsMaterial serve() throws Exception {
        Files.writeString(dir.resolve("roots.pem"), Pem.write(ORG1.tlsRoot()));
        TlsMaterial tls = TlsHandshakes.nodeTls(dir, ORG1, "c1-org1-0");
        server = TlsHandshakes.serve(tls);
        return tls;
    }

    private HealthCheckResponse.ServingStatus health(IssuedCredential client) throws Exception {
        return TlsHandshakes.health(server, client, ORG1.tlsRoot());
    }

    private static ChannelConfig channel(IssuedCredential revoked, String reason) {
        return ChannelConfig.newBuilder().setName("main").addOrganizations(Organization.newBuilder()
                .setName(ORG2.organization()).setRootCertificatesPem(Pem.write(ORG2.root()))
                .setTlsRootCertificatesPem(Pem.write(ORG2.tlsRoot()))
                .addRevoked(RevokedCertificate.newBuilder()
                        .setSerialNumber(ByteString.copyFrom(revoked.certificate().getSerialNumber().toByteArray()))
                        .setRevokedMillis(System.currentTimeMillis()).setReason(reason)))
                .build();
    }

    private static List<String> causes(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        return messages;
    }
}
