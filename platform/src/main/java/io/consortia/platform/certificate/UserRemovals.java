package io.consortia.platform.certificate;

import io.consortia.platform.identity.UserRemoved;
import io.consortia.common.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    /**
     * Starts the on-chain operations off the request thread: after commit the removal's
     * connection is still bound to it, and an operation recorded through it would not be
     * committed before its first step.
     */
    private final ExecutorService launcher = Executors.newSingleThreadExecutor(DaemonThreads.named("user-removal"));

    UserRemovals(CertificateService certificates) {
        this.certificates = certificates;
    }

    @PreDestroy
    void shutdown() {
        launcher.shutdown();
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
                    launcher.execute(publish);
                }
            });
        } else {
            publish.run();
        }
    }
}
