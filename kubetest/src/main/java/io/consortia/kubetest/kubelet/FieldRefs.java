package io.consortia.kubetest.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The downward API's field paths, for env {@code fieldRef} and downwardAPI volumes. */
final class FieldRefs {
    private static final Pattern SUBSCRIPT = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

    private FieldRefs() {}

    static String resolve(Pod pod, String fieldPath, String podIp) {
        var meta = pod.getMetadata();
        switch (fieldPath) {
            case "metadata.name":
                return meta.getName();
            case "metadata.namespace":
                return meta.getNamespace();
            case "metadata.uid":
                return meta.getUid();
            case "metadata.labels":
                return lines(meta.getLabels());
            case "metadata.annotations":
                return lines(meta.getAnnotations());
            case "spec.nodeName":
                return pod.getSpec().getNodeName();
            case "spec.serviceAccountName":
                return pod.getSpec().getServiceAccountName();
            case "status.podIP":
            case "status.podIPs":
                return podIp;
            case "status.hostIP":
                return "127.0.0.1";
            default:
                Matcher matcher = SUBSCRIPT.matcher(fieldPath);
                if (matcher.matches()) {
                    Map<String, String> map = matcher.group(1).equals("labels") ? meta.getLabels()
                            : meta.getAnnotations();
                    return map == null ? "" : map.getOrDefault(matcher.group(2), "");
                }
                throw new PodNotReadyException("CreateContainerConfigError",
                        "the test kubelet does not support fieldRef " + fieldPath);
        }
    }

    private static String lines(Map<String, String> map) {
        if (map == null) {
            return "";
        }
        return new TreeMap<>(map).entrySet().stream().map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining("\n"));
    }
}
