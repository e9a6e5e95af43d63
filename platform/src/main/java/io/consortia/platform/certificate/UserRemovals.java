package io.consortia.platform.certificate;

import io.consortia.platform.identity.UserRemoved;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Removing a user revokes their certificates: in custody in the removal's own transaction (so
 * the platform never signs as them again, or the removal does not happen), then on chain once
 * it committed (a background operation per consortium, whose steps show the progress).
 */
@Component
class UserRemovals {
    private final CertificateService certificates;

    UserRemovals(CertificateService certificates) {
        this.certificates = certificates;
    }

    @EventListener
    void removed(UserRemoved event) {
        Set<Long> consortia = certificates.revokeUserInCustody(event.username(), event.removedBy().username());
        if (consortia.isEmpty()) {
            return;
        }
        Runnable publish = () -> certificates.publishUserRevocations(event.removedBy(), event.username(), consortia,
                event.organizationId());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publish.run();
                }
            });
        } else {
            publish.run();
        }
    }
}
