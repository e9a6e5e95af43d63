package io.consortia.node.contracts;

import java.util.Objects;
import java.util.Set;

/**
 * Base of the Java system contracts: a name and a fixed set of functions, some of them read-only.
 * Subclasses implement {@link #invoke} only.
 */
abstract class BuiltInContract implements Contract {
    private final String name;
    private final Set<String> functions;
    private final Set<String> readOnly;

    BuiltInContract(String name, Set<String> functions, Set<String> readOnly) {
        this.name = Objects.requireNonNull(name, "name");
        this.functions = Set.copyOf(functions);
        this.readOnly = Set.copyOf(readOnly);
        if (!this.functions.containsAll(this.readOnly)) {
            throw new IllegalArgumentException("read-only functions must be functions of " + name);
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean hasFunction(String function) {
        return functions.contains(function);
    }

    @Override
    public final boolean isReadOnly(String function) {
        return readOnly.contains(function);
    }
}
