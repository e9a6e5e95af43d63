package io.consortia.platform.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.consortia.platform.channel.NetworkClients;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.deploy.DeploymentService;
import io.consortia.platform.deploy.Deployers;
import io.consortia.platform.deploy.Nodes;
import io.consortia.platform.identity.Caller;
import io.consortia.platform.identity.Callers;
import io.consortia.platform.system.NotedRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.ObjectProvider;

/**
 * A revocation's and a renewal's audit record say which certificate (serial, subject, role,
 * organisation) and why: the tester found only the serial in the route, which nothing resolves once
 * the certificate expired.
 */
class CertificateAuditNotesTest {
    private static final long ORGANIZATION = 2;
    @RegisterExtension
    final NotedRequest noted = new NotedRequest("POST", "/api/v1/x");
    private final CertificateInventory inventory = mock(CertificateInventory.class);
    private final ConsortiumService consortia = mock(ConsortiumService.class);
    private final Caller admin = Callers.of(Callers.Role.ORGANIZATION_ADMIN, ORGANIZATION);
    private CertificateService certificates;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        when(consortia.requireVisible(admin, 1)).thenReturn(Callers.consortiumLedBy(1));
        certificates = new CertificateService(inventory, mock(CustodyService.class), consortia,
                mock(DeploymentService.class), mock(Deployers.class), mock(Nodes.class), mock(NetworkClients.class),
                mock(ObjectProvider.class));
    }

    private void holds(boolean inUse) {
        when(inventory.of(anyLong())).thenReturn(List.of(new CertificateView(1, ORGANIZATION, "ningbo-bank",
                KeyPurpose.USER, "CN=li", "a1b", "CN=ningbo-bank CA", 0, 0, 100, CertificateStatus.VALID, inUse, null,
                null, null, null)));
    }

    @Test
    void a_revocation_notes_the_certificate_and_the_reason() {
        holds(false);
        certificates.revoke(admin, 1, "0A1B", "key compromise");
        assertThat(noted.notes()).isEqualTo(" certificate=\"a1b\" subject=\"CN=li\" certificateRole=\"USER\""
                + " organization=\"2\" reason=\"key compromise\"");
    }

    @Test
    void a_renewal_notes_the_certificate_it_replaces() {
        holds(true);
        certificates.renew(admin, 1, "0a1b", null);
        assertThat(noted.notes()).isEqualTo(" certificate=\"a1b\" subject=\"CN=li\" certificateRole=\"USER\""
                + " organization=\"2\"");
    }
}
