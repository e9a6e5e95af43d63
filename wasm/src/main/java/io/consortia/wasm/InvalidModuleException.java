package io.consortia.wasm;

/** The module breaks one of the engine's rules (or the WebAssembly spec); it is refused before it ever runs. */
public final class InvalidModuleException extends WasmException {
    public InvalidModuleException(String reason) {
        super(reason);
    }

    public InvalidModuleException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
