package io.consortia.testkit.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consortia.crypto.Hashes;
import io.consortia.protocol.v1.ChainInfoRequest;
import io.consortia.protocol.v1.LedgerServiceGrpc;
import io.consortia.protocol.v1.ReloadCredentialsResponse;
import io.consortia.protocol.v1.SubmitResponse;
import io.consortia.protocol.v1.ValidationCode;
import io.consortia.testkit.MiniNetwork;
import io.consortia.testkit.MiniNode;
import io.consortia.testkit.NodeCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Certificate rotation without downtime and revocation of node certificates, on a 3-node network
 * of processes: under continuous client load every node gets new signing and TLS certificates
 * from its organisation's CA and reloads them (AdminService.ReloadCredentials) — no client call
 * fails, new handshakes present the new certificate, blocks stay identical. Then a committed
 * configuration change revokes a node's old TLS certificate: a connection presenting it is
 * refused in the handshake by every node, while its new certificate still connects.
 */
class CredentialRotationIT {
    private MiniNetwork network;

    @AfterEach
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void node_certificates_rotate_under_load_without_a_failed_call_and_a_revoked_one_is_refused() throws Exception {
        network = MiniNetwork.builder().organizations(3).channel("main").processes(true).start();
        Map<String, NodeCredentials> retired = new HashMap<>();
        try (ClientLoad load = new ClientLoad(network, 3, network::nodes)) {
            load.awaitMore(50);
            for (MiniNode node : network.nodes()) {
                NodeCredentials before = network.credentials(node);
                ReloadCredentialsResponse reloaded = network.rotateCredentials(node);
                NodeCredentials after = network.credentials(node);
                assertThat(after.tlsCertificate().getSerialNumber()).isNotEqualTo(before.tlsCertificate().getSerialNumber());
                assertThat(reloaded.getTlsCertificateSerial()).isEqualTo(after.tlsCertificate().getSerialNumber().toString(16));
                assertThat(reloaded.getSigningCertificateSerial())
                        .isEqualTo(after.signingCertificate().getSerialNumber().toString(16));
                assertThat(presentedCertificate(node).getSerialNumber())
                        .as("certificate %s presents to a new connection", node.nodeId())
                        .isEqualTo(after.tlsCertificate().getSerialNumber());
                retired.put(node.nodeId(), before);
                load.awaitMore(20);
            }
            load.close();
            System.out.printf("CredentialRotationIT: %d transactions acknowledged, failed calls: %s%n",
                    load.acknowledged().size(), load.failures());
            assertThat(load.failures()).as("client calls that failed during the rotation").isEmpty();
            ClientLoad.assertSameChains(network, network.nodes(), load.acknowledged());
        } catch (AssertionError | RuntimeException e) {
            network.dumpLogs();
            throw e;
        }

        MiniNode holder = network.nodes().get(0);
        NodeCredentials old = retired.get(holder.nodeId());
        NodeCredentials current = network.credentials(holder);
        for (MiniNode peer : network.nodes()) {
            assertThat(chainHeight(peer, old)).as("the old certificate of %s, still valid, connects to %s",
                    holder.nodeId(), peer.nodeId()).isPositive();
        }
        SubmitResponse revoked = network.changeConfig(c -> c.revokeCertificate(holder.organization(),
                old.tlsCertificate().getSerialNumber(), System.currentTimeMillis(), "retired after rotation"));
        assertThat(revoked.getCode()).as(revoked.getReason()).isEqualTo(ValidationCode.VALID);
        for (MiniNode peer : network.nodes()) {
            await("the revoked certificate of " + holder.nodeId() + " refused by " + peer.nodeId())
                    .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> refused(peer, old));
            assertThatThrownBy(() -> chainHeight(peer, old)).isInstanceOfSatisfying(StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            assertThat(chainHeight(peer, current)).as("the current certificate of %s connects to %s",
                    holder.nodeId(), peer.nodeId()).isPositive();
        }
        // and the network still commits, through every node
        for (MiniNode node : network.nodes()) {
            network.gateway(node, node.organization()).channel("main").contract("notarization").submit("record",
                    Hashes.hex(Hashes.sha256().digest(("after-" + node.nodeId()).getBytes())), "after");
        }
    }

    private long chainHeight(MiniNode peer, NodeCredentials as) {
        ManagedChannel channel = network.connect(peer, as.tlsCertificate(), as.tlsKey());
        try {
            return LedgerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .getChainInfo(ChainInfoRequest.newBuilder().setChannel("main").build()).getHeight();
        } finally {
            channel.shutdownNow();
        }
    }

    private boolean refused(MiniNode peer, NodeCredentials as) {
        try {
            chainHeight(peer, as);
            return false;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode() == Status.Code.UNAVAILABLE;
        }
    }

    /** The certificate the node presents in a new TLS handshake (as an admin client of its organisation). */
    private X509Certificate presentedCertificate(MiniNode node) throws Exception {
        NodeCredentials client = network.credentials(node); // any certificate of a trusted CA completes the handshake
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(client.tlsKey().getEncoded()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, new char[0], new Certificate[] {client.tlsCertificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), new TrustManager[] {new RecordingTrustManager()}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", node.apiPort())) {
            socket.setSoTimeout(20_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** Reads the server's certificate only; this socket sends nothing. */
    private static final class RecordingTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
