package io.consortia.wasm;

/**
 * The contract (through {@code consortia.abort} or {@code consortia.not_found}) or a built-in contract it called
 * refused the call on purpose, e.g. an access rule. A {@link ContractHost} throws it from
 * {@link ContractHost#callBuiltin} to refuse, or {@link #notFound(String)} when the built-in found no record.
 */
public final class ContractRejectedException extends WasmException {
    private final boolean notFound;

    public ContractRejectedException(String reason) {
        this(reason, false);
    }

    private ContractRejectedException(String reason, boolean notFound) {
        super(reason);
        this.notFound = notFound;
    }

    /**
     * A refusal because there is no record under the id the call named: the call ends {@link
     * CallResult.Outcome#NOT_FOUND} rather than {@code REJECTED}, so that a reader can tell "nothing there" from
     * "not allowed" without parsing the reason.
     */
    public static ContractRejectedException notFound(String reason) {
        return new ContractRejectedException(reason, true);
    }

    /** Whether the refusal says that the record the call named does not exist (see {@link #notFound}). */
    public boolean notFound() {
        return notFound;
    }
}
