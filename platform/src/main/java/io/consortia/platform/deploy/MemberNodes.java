package io.consortia.platform.deploy;

import io.consortia.common.DaemonThreads;
import io.consortia.common.Poll;
import io.consortia.platform.consortium.Consortium;
import io.consortia.platform.consortium.ConsortiumService;
import io.consortia.platform.consortium.ConsortiumStatus;
import io.consortia.platform.consortium.MemberJoined;
import io.consortia.platform.system.PlatformException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * An organisation that joins a consortium whose network is already running gets its nodes at
 * once (a DEPLOY_MEMBER deployment), so that the channel proposals adding it find them serving.
 * A network not deployed yet deploys every member's nodes itself; a network that is stopped, or
 * on a cluster target that cannot change its members, is left alone and the history says why.
 */
@Component
class MemberNodes {
    private static final Logger LOG = LoggerFactory.getLogger(MemberNodes.class);
    private static final Duration WAIT_FOR_OTHER_DEPLOYMENT = Duration.ofMinutes(10);
    private final DeploymentService deployments;
    private final ConsortiumService consortia;
    private final Deployers deployers;
    // Deploys outside the accepting request's thread and transaction, after it committed.
    private final ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("member-nodes"));

    MemberNodes(DeploymentService deployments, ConsortiumService consortia, Deployers deployers) {
        this.deployments = deployments;
        this.consortia = consortia;
        this.deployers = deployers;
    }

    @TransactionalEventListener
    void joined(MemberJoined event) {
        Consortium consortium = consortia.get(event.consortiumId());
        if (consortium.status() != ConsortiumStatus.RUNNING) {
            return; // deploying the network creates every member's nodes
        }
        if (deployers.ofConsortium(consortium.id()) instanceof NetworkDeployer network && !network.changesMembers()) {
            consortia.record(consortium.id(), event.organizationId(), "NODES_NOT_DEPLOYED", event.actor());
            LOG.warn("Organisation {} joined consortium {} on {}: this target's members are fixed when it is "
                    + "deployed, so no node was added", event.organizationId(), consortium.id(),
                    consortium.deploymentTarget());
            return;
        }
        executor.execute(() -> deploy(event));
    }

    private void deploy(MemberJoined event) {
        try {
            // One deployment per consortium at a time: wait for one that is running to finish.
            Poll.until(WAIT_FOR_OTHER_DEPLOYMENT, Duration.ofSeconds(1), () -> {
                try {
                    return deployments.deployMember(event.actor(), event.consortiumId(), event.organizationId());
                } catch (PlatformException e) {
                    if (e.status() == HttpStatus.CONFLICT && deployments.isBusy(event.consortiumId())) {
                        return null;
                    }
                    throw e;
                }
            }).orElseThrow(() -> new IllegalStateException("another deployment kept running for "
                    + WAIT_FOR_OTHER_DEPLOYMENT.toMinutes() + " minutes"));
        } catch (RuntimeException e) {
            LOG.warn("The nodes of organisation {} were not deployed in consortium {}: {}", event.organizationId(),
                    event.consortiumId(), e.getMessage());
        }
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
