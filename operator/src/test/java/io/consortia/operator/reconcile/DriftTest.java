package io.consortia.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.consortia.operator.TestNetworks;
import io.consortia.operator.desired.NetworkObjects;
import io.consortia.operator.desired.PdbVersion;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class DriftTest {
    private static final Holder H = new Holder();

    private static final class Holder {
        final StatefulSet sts;
        final Service service;

        Holder() {
            var state = NetworkObjects.build(TestNetworks.network("acme", 1, 3).network(), PdbVersion.POLICY_V1);
            sts = state.organizations().get(0).statefulSet();
            service = state.organizations().get(0).clientService();
        }
    }

    @Test
    void whatTheApiServerAddsIsNotDrift() {
        StatefulSet actual = Serialization.clone(H.sts);
        actual.getMetadata().setResourceVersion("12");
        actual.getMetadata().setUid("abc");
        actual.getSpec().setRevisionHistoryLimit(10);
        actual.getSpec().getTemplate().getSpec().setDnsPolicy("ClusterFirst");
        actual.getSpec().getTemplate().getSpec().getContainers().get(0).setTerminationMessagePath("/dev/termination-log");
        actual.getMetadata().getOwnerReferences().add(0, new OwnerReferenceBuilder().withUid("other").withName("x")
                .withKind("Thing").withApiVersion("example.com/v1").build());
        // canonical quantities: 250m stays, but a request of 0.25 cpu would come back as 250m
        actual.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
                .put("memory", new Quantity("536870912"));

        assertThat(Drift.inSync(actual, H.sts)).isTrue();
    }

    /** Without this every pass rewrote every StatefulSet of a real cluster, and a new template never rolled on. */
    @Test
    void aZeroValueTheApiServerLeavesOutIsNotDrift() {
        StatefulSet actual = Serialization.clone(H.sts);
        assertThat(actual.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe()
                .getInitialDelaySeconds()).as("the operator writes 0").isZero();
        actual.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().setInitialDelaySeconds(null);

        assertThat(Drift.inSync(actual, H.sts)).isTrue();
        assertThat(Drift.templateInSync(actual, H.sts)).isTrue();
        actual.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().setInitialDelaySeconds(5);
        assertThat(Drift.templateInSync(actual, H.sts)).as("a value that differs still is").isFalse();
    }

    @Test
    void changedOwnedFieldsAreDriftAndTheOverlayRestoresThemKeepingTheRest() {
        StatefulSet actual = Serialization.clone(H.sts);
        actual.getSpec().getTemplate().getSpec().setDnsPolicy("ClusterFirst");
        actual.getSpec().setReplicas(7);
        actual.getMetadata().getLabels().remove("consortia.io/network");
        actual.getMetadata().setResourceVersion("12");

        assertThat(Drift.inSync(actual, H.sts)).isFalse();
        StatefulSet merged = Drift.overlay(actual, H.sts);
        assertThat(Drift.inSync(merged, H.sts)).isTrue();
        assertThat(merged.getSpec().getReplicas()).isEqualTo(3);
        assertThat(merged.getSpec().getTemplate().getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(merged.getMetadata().getResourceVersion()).as("update is optimistic").isEqualTo("12");
    }

    @Test
    void aMissingOwnerReferenceOrAnExtraListElementIsDrift() {
        Service noOwner = Serialization.clone(H.service);
        noOwner.getMetadata().setOwnerReferences(null);
        assertThat(Drift.inSync(noOwner, H.service)).isFalse();
        assertThat(Drift.overlay(noOwner, H.service).getMetadata().getOwnerReferences())
                .isEqualTo(H.service.getMetadata().getOwnerReferences());

        Service extraPort = Serialization.clone(H.service);
        extraPort.getSpec().getPorts().add(Serialization.clone(extraPort.getSpec().getPorts().get(0)));
        assertThat(Drift.inSync(extraPort, H.service)).isFalse();
        assertThat(Drift.overlay(extraPort, H.service).getSpec().getPorts()).hasSize(2);
    }
}
