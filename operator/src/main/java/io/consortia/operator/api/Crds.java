package io.consortia.operator.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The ConsortiaNetwork CRD as shipped: generated from {@link ConsortiaNetwork} by fabric8's CRD
 * generator at build time and checked in under {@code src/main/resources/crds} (CrdTest fails when
 * the two differ), so that installers, the Helm chart and reviewers see the file.
 */
public final class Crds {
    /** Classpath resource of the checked-in CRD. */
    public static final String RESOURCE = "crds/" + ConsortiaNetwork.CRD_NAME + "-v1.yml";

    private Crds() {}

    /** The CRD's YAML text. */
    public static String yaml() {
        try (InputStream in = Crds.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the CRD " + RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The CRD as an object, ready to create or apply. */
    public static CustomResourceDefinition consortiaNetwork() {
        return Serialization.unmarshal(yaml(), CustomResourceDefinition.class);
    }
}
