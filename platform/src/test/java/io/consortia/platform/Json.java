package io.consortia.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies for tests: {@code Json.of("name", "org1", "displayName", "Org One")}. */
final class Json {
    private Json() {}

    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
