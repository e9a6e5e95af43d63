package io.consortia.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares and merges only the fields the operator owns. An object is in sync when every field of
 * the desired object has the same value in the actual one; fields the API server added (defaults,
 * cluster IPs, managed fields) or other controllers set are not ours and never count as drift.
 * From metadata only labels, annotations and owner references are ours (owner references matched
 * by uid, so other owners are kept).
 */
public final class Drift {
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final List<String> NOT_OURS = List.of("apiVersion", "kind", "metadata", "status");
    private static final List<String> OUR_METADATA = List.of("labels", "annotations");
    /** Kubernetes quantities, which the API server rewrites in canonical form (0.5 -> 500m). */
    private static final Pattern QUANTITY = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+|[KMGTPE]i|[numkKMGTPE])?");

    private Drift() {}

    /** Whether actual has every field of desired, with the same value. */
    public static boolean inSync(HasMetadata actual, HasMetadata desired) {
        ObjectNode a = JSON.valueToTree(actual);
        ObjectNode d = JSON.valueToTree(desired);
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!NOT_OURS.contains(field.getKey()) && !contains(a.get(field.getKey()), field.getValue())) {
                return false;
            }
        }
        JsonNode am = a.path("metadata");
        JsonNode dm = d.path("metadata");
        for (String key : OUR_METADATA) {
            if (dm.has(key) && !contains(am.get(key), dm.get(key))) {
                return false;
            }
        }
        for (JsonNode owner : dm.path("ownerReferences")) {
            JsonNode actualOwner = ownerByUid(am.path("ownerReferences"), owner.path("uid").asText());
            if (actualOwner == null || !contains(actualOwner, owner)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the StatefulSet's live pod template has every field of the desired one (its pods need no roll). */
    static boolean templateInSync(io.fabric8.kubernetes.api.model.apps.StatefulSet actual,
            io.fabric8.kubernetes.api.model.apps.StatefulSet desired) {
        return contains(JSON.valueToTree(actual.getSpec().getTemplate()),
                JSON.valueToTree(desired.getSpec().getTemplate()));
    }

    /** The actual object with every field of desired written over it (what an update sends). */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> T overlay(T actual, T desired) {
        ObjectNode a = JSON.valueToTree(actual);
        ObjectNode d = JSON.valueToTree(desired);
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!NOT_OURS.contains(field.getKey())) {
                a.set(field.getKey(), merge(a.get(field.getKey()), field.getValue()));
            }
        }
        ObjectNode am = (ObjectNode) a.get("metadata");
        JsonNode dm = d.path("metadata");
        for (String key : OUR_METADATA) {
            if (dm.has(key)) {
                am.set(key, merge(am.get(key), dm.get(key)));
            }
        }
        if (dm.has("ownerReferences")) {
            ArrayNode owners = am.has("ownerReferences") ? (ArrayNode) am.get("ownerReferences") : am.putArray("ownerReferences");
            for (JsonNode owner : dm.get("ownerReferences")) {
                JsonNode existing = ownerByUid(owners, owner.path("uid").asText());
                if (existing != null) {
                    ((ObjectNode) existing).setAll((ObjectNode) owner);
                } else {
                    owners.add(owner);
                }
            }
        }
        try {
            return (T) JSON.treeToValue(a, actual.getClass());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read back a merged " + actual.getKind(), e);
        }
    }

    private static JsonNode ownerByUid(JsonNode owners, String uid) {
        for (JsonNode owner : owners) {
            if (uid.equals(owner.path("uid").asText())) {
                return owner;
            }
        }
        return null;
    }

    static boolean contains(JsonNode actual, JsonNode desired) {
        if (desired == null || desired.isNull()) {
            return true; // not set by us
        }
        if (actual == null || actual.isNull()) {
            // the API server leaves out zero values (omitempty): a probe's initialDelaySeconds: 0 reads back absent
            return desired.isObject() && desired.isEmpty() || desired.isArray() && desired.isEmpty()
                    || desired.isNumber() && desired.decimalValue().signum() == 0
                    || desired.isBoolean() && !desired.booleanValue()
                    || desired.isTextual() && desired.asText().isEmpty();
        }
        if (desired.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!contains(actual.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (!actual.isArray() || actual.size() != desired.size()) {
                return false;
            }
            for (int i = 0; i < desired.size(); i++) {
                if (!contains(actual.get(i), desired.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (desired.equals(actual)) {
            return true;
        }
        if (desired.isNumber() && actual.isNumber()) {
            return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return desired.isTextual() && actual.isTextual() && sameQuantity(desired.asText(), actual.asText());
    }

    private static boolean sameQuantity(String a, String b) {
        if (!QUANTITY.matcher(a).matches() || !QUANTITY.matcher(b).matches()) {
            return false;
        }
        try {
            BigDecimal x = new Quantity(a).getNumericalAmount();
            BigDecimal y = new Quantity(b).getNumericalAmount();
            return x.compareTo(y) == 0;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    private static JsonNode merge(JsonNode actual, JsonNode desired) {
        if (desired == null || desired.isNull()) {
            return actual;
        }
        if (desired.isObject() && actual != null && actual.isObject()) {
            ObjectNode merged = ((ObjectNode) actual).deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                merged.set(field.getKey(), merge(merged.get(field.getKey()), field.getValue()));
            }
            return merged;
        }
        if (desired.isArray() && actual != null && actual.isArray()) {
            // element by element, so the server's defaults inside an element (a port's protocol,
            // a container's terminationMessagePath) stay; the length is ours
            ArrayNode merged = JSON.createArrayNode();
            for (int i = 0; i < desired.size(); i++) {
                merged.add(i < actual.size() ? merge(actual.get(i), desired.get(i)) : desired.get(i));
            }
            return merged;
        }
        return desired;
    }
}
