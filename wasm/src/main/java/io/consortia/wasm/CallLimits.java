package io.consortia.wasm;

/** The limits of one call; {@link WasmConfig} gives the defaults. */
public record CallLimits(long fuel, int memoryPages) {
    public CallLimits {
        if (fuel <= 0 || memoryPages <= 0 || memoryPages > 65536) {
            throw new IllegalArgumentException("fuel must be positive and memoryPages 1..65536");
        }
    }
}
