package io.consortia.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Each node's volume claim: the StorageClass (the cluster's default when absent) and size. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSpec {
    @JsonPropertyDescription("StorageClass of each node's PersistentVolumeClaim (the cluster's default when absent)")
    private String storageClassName;

    @JsonPropertyDescription("Size of each node's PersistentVolumeClaim, e.g. 1Gi (default 1Gi)")
    private String size;

    public StorageSpec() {}

    public StorageSpec(String storageClassName, String size) {
        this.storageClassName = storageClassName;
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageSpec s && Objects.equals(storageClassName, s.storageClassName)
                && Objects.equals(size, s.size);
    }

    @Override
    public int hashCode() {
        return Objects.hash(storageClassName, size);
    }

    @Override
    public String toString() {
        return "StorageSpec[" + storageClassName + ", " + size + "]";
    }
}
