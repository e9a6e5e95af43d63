package io.consortia.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One consortium's network on Kubernetes: its organisations, their nodes' public certificates,
 * the image, storage and resources of the nodes. The operator turns it into a Namespace and, per
 * organisation, a StatefulSet with its Services, ConfigMap, PodDisruptionBudget and
 * NetworkPolicy, all owned by this resource.
 *
 * <p>Cluster-scoped (it does not implement {@code Namespaced}) so that it can own the Namespace it
 * creates: deleting the resource lets Kubernetes' garbage collector remove the namespace and
 * everything in it. Private keys are never part of it: they live in the Secrets named by
 * {@link OrganizationSpec#getKeysSecret()}.
 */
@Group(ConsortiaNetwork.GROUP)
@Version(ConsortiaNetwork.VERSION)
@Kind(ConsortiaNetwork.KIND)
@Plural(ConsortiaNetwork.PLURAL)
@Singular("consortianetwork")
@ShortNames("cnet")
@AdditionalPrinterColumn(name = "Consortium", jsonPath = ".spec.consortium", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Organizations", jsonPath = ".status.organizations",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyNodes", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ConsortiaNetwork extends CustomResource<ConsortiaNetworkSpec, ConsortiaNetworkStatus> {
    public static final String GROUP = "consortia.io";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "ConsortiaNetwork";
    public static final String PLURAL = "consortianetworks";
    /** The CRD's name, {@code consortianetworks.consortia.io}. */
    public static final String CRD_NAME = PLURAL + "." + GROUP;
}
