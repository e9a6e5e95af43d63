package io.consortia.kubetest.kubelet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the test kubelet runs for an image: there is no container runtime, so a test says which local command stands
 * for each image repository (tag and digest are ignored), e.g. {@code consortia/node} ->
 * {@code java -cp <the node's classpath> io.consortia.node.NodeMain}. The container's {@code command} and
 * {@code args} are appended to that prefix.
 */
public final class ImageCatalog {
    /** The command prefix for an image and environment variables the image would have set. */
    public record Entry(List<String> command, Map<String, String> env) {
        public Entry {
            command = List.copyOf(command);
            env = Map.copyOf(env);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("an image's command must not be empty");
            }
        }
    }

    private final Map<String, Entry> entries;

    private ImageCatalog(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The entry for {@code image} (repository with or without a registry host, tag or digest). */
    public Optional<Entry> lookup(String image) {
        String repository = repository(image);
        Entry entry = entries.get(repository);
        if (entry == null) {
            // "registry.example:5000/consortia/node" finds "consortia/node"
            int slash = repository.indexOf('/');
            if (slash > 0) {
                String first = repository.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    entry = entries.get(repository.substring(slash + 1));
                }
            }
        }
        return Optional.ofNullable(entry);
    }

    /** The repositories this catalog knows. */
    public List<String> repositories() {
        return entries.keySet().stream().sorted().toList();
    }

    /** {@code image} without its digest and tag. */
    public static String repository(String image) {
        String name = Objects.requireNonNull(image, "image");
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return name;
    }

    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder() {}

        public Builder image(String repository, List<String> command) {
            return image(repository, command, Map.of());
        }

        public Builder image(String repository, List<String> command, Map<String, String> env) {
            entries.put(repository(repository), new Entry(command, env));
            return this;
        }

        public ImageCatalog build() {
            return new ImageCatalog(entries);
        }
    }
}
