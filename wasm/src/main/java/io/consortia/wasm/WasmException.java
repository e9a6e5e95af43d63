package io.consortia.wasm;

/** Root exception of the wasm module. The engine never lets one escape a call: it becomes a {@link CallResult}. */
public class WasmException extends RuntimeException {
    public WasmException(String message) {
        super(message);
    }

    public WasmException(String message, Throwable cause) {
        super(message, cause);
    }
}
