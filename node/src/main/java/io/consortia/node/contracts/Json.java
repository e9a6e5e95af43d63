package io.consortia.node.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/**
 * JSON for the built-in contracts. One shared mapper (thread-safe once configured); records
 * carry {@code @JsonPropertyOrder} so the bytes, which end up in state and blocks, never
 * depend on reflection order.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** For callers' JSON: a repeated name is an error, not "the last one wins". */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not valid JSON", e);
        }
    }

    /**
     * A caller's JSON object of string values, sorted by name so the stored bytes do not depend on how the
     * caller ordered them. Duplicate names, other value types and oversized content are refused:
     * numbers especially, whose text form differs between JDK versions and so between nodes.
     */
    static java.util.SortedMap<String, String> stringMap(String text, String what, int maxEntries, int maxName, int maxValue) {
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ContractException(what + " must be a JSON object of strings: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ContractException(what + " must be a JSON object of strings, e.g. {\"origin\":\"Yunnan\"}");
        }
        if (node.size() > maxEntries) {
            throw new ContractException(what + " may have at most " + maxEntries + " entries, got " + node.size());
        }
        java.util.TreeMap<String, String> map = new java.util.TreeMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            String name = field.getKey();
            if (name.isEmpty() || name.length() > maxName) {
                throw new ContractException(what + ": names must be 1-" + maxName + " characters");
            }
            if (!field.getValue().isTextual()) {
                throw new ContractException(what + ": the value of '" + Arguments.abbreviate(name) + "' must be a string");
            }
            String value = field.getValue().textValue();
            if (value.length() > maxValue) {
                throw new ContractException(what + ": the value of '" + Arguments.abbreviate(name) + "' must be at most "
                        + maxValue + " characters");
            }
            map.put(name, value);
        }
        return map;
    }

    /** A JSON array of already-serialised elements, without re-parsing them. */
    static byte[] array(java.util.List<byte[]> elements) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(elements.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }
}
