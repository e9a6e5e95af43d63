package io.consortia.wasm;

/** The contract called a host function wrongly (pointer outside memory, oversized key, bad index...). */
public final class HostMisuseException extends WasmException {
    public HostMisuseException(String reason) {
        super(reason);
    }
}
