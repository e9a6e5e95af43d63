package io.consortia.cli.bench;

import java.util.List;
import java.util.Locale;

/** The built-in workloads, by name. */
public final class Workloads {
    /** Names accepted by {@code --workload}. */
    public static final List<String> NAMES = List.of("notarization", "asset", "asset-contention", "token", "wasm-notarize");

    private Workloads() {}

    /**
     * @param name one of {@link #NAMES}
     * @param hotAssets size of the contended set for {@code asset-contention}
     * @throws IllegalArgumentException for an unknown name
     */
    public static Workload of(String name, int hotAssets) {
        long run = System.nanoTime() ^ Double.doubleToLongBits(Math.random());
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "notarization" -> new NotarizationWorkload(run);
            case "asset" -> new AssetWorkload(run);
            case "asset-contention" -> new AssetContentionWorkload(run, hotAssets);
            case "token" -> new TokenWorkload(run);
            case "wasm-notarize" -> new WasmNotarizeWorkload(run);
            default -> throw new IllegalArgumentException("unknown workload '" + name + "'; choose one of " + NAMES);
        };
    }
}
