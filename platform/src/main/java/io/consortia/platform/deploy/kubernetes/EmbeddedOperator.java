package io.consortia.platform.deploy.kubernetes;

import io.consortia.operator.ConsortiaOperator;
import io.consortia.platform.system.KubernetesProperties;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The Consortia operator run inside the platform ({@code consortia.kubernetes.operator.enabled}):
 * installs (or updates) the ConsortiaNetwork CRD and reconciles every network with the
 * platform's own client, until the platform stops. One platform replica only: two operators
 * would reconcile the same resources; a platform with replicas runs the operator's Deployment.
 */
@Component
@ConditionalOnProperty(name = {KubernetesProperties.ENABLED, "consortia.kubernetes.operator.enabled"},
        havingValue = "true")
class EmbeddedOperator implements InitializingBean, DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedOperator.class);
    private final KubernetesClient client;
    private ConsortiaOperator operator;

    EmbeddedOperator(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void afterPropertiesSet() {
        ConsortiaOperator.installCrd(client);
        operator = ConsortiaOperator.start(client, ConsortiaOperator.Settings.defaults());
        LOG.info("Consortia operator runs inside the platform");
    }

    @Override
    public void destroy() {
        if (operator != null) {
            operator.close();
        }
    }
}
