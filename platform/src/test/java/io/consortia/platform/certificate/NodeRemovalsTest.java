package io.consortia.platform.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.custody.CustodyService;
import io.consortia.platform.custody.KeyPurpose;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.platform.deploy.NodeRecord;
import io.consortia.platform.deploy.NodeStatus;
import io.consortia.platform.web.ConsoleTemplates;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Deleting a node revokes its certificates; the step's detail listed them in English on a Chinese
 * progress page ("[NODE_TLS serial 3a4b, NODE serial 5c6d (superseded)] revoked: ..."). The
 * detail is now the platform's sentence, which the progress page reads in the reader's language.
 */
class NodeRemovalsTest {
    private final CustodyService custody = mock(CustodyService.class);
    private final ConsortiumService consortia = mock(ConsortiumService.class);
    private final NodeRemovals removals = new NodeRemovals(custody, consortia, mock(CertificateService.class));
    private final DeploymentTexts texts = new DeploymentTexts(ConsoleTemplates.messages());
    private final NodeRecord node = new NodeRecord(4, "c1-org1-1", 1, 2, "127.0.0.1", 7004, 8004, 9004,
            "/tmp/c1-org1-1", "STOPPED", NodeStatus.STOPPED, null, 0, null, 0);

    @Test
    void the_revocation_step_names_each_certificate_in_the_reader_s_language() {
        when(custody.revokeNode(1, "c1-org1-1", "alice", "cessationOfOperation: node deleted")).thenReturn(List.of(
                new CustodyService.NodeRevocation(2, KeyPurpose.NODE_TLS, "CN=c1-org1-1", "3a4b", true),
                new CustodyService.NodeRevocation(2, KeyPurpose.NODE, "CN=c1-org1-1", "5c6d", false)));

        String detail = removals.revoke(node, "alice", "cessationOfOperation: node deleted");

        assertThat(detail).isEqualTo("NODE_TLS serial 3a4b, NODE serial 5c6d (superseded) revoked:"
                + " cessationOfOperation: node deleted");
        assertThat(texts.text(detail, Locale.SIMPLIFIED_CHINESE)).isEqualTo("节点 TLS 序列号 3a4b、"
                + ConsoleTemplates.messages().getMessage("certificate.role.NODE", null, Locale.SIMPLIFIED_CHINESE)
                + " 序列号 5c6d（已被替换） 已吊销：" + new io.consortia.platform.custody.RevocationReasons(
                        ConsoleTemplates.messages()).text("cessationOfOperation: node deleted", Locale.SIMPLIFIED_CHINESE));
        verify(consortia).record(1, 2, "CERTIFICATE_REVOKED", "alice",
                "NODE_TLS CN=c1-org1-1, serial 3a4b: cessationOfOperation: node deleted");
    }
}
