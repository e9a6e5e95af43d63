package io.consortia.wasm;

/**
 * The contract (through {@code consortia.abort}) or a built-in contract it called refused the call on purpose,
 * e.g. an access rule. A {@link ContractHost} throws it from {@link ContractHost#callBuiltin} to refuse.
 */
public final class ContractRejectedException extends WasmException {
    public ContractRejectedException(String reason) {
        super(reason);
    }
}
