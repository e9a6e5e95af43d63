package io.consortia.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/** JSON of the built-in contracts' arguments and results, for the typed clients. */
final class ContractJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ContractJson() {}

    static JsonNode parse(byte[] result, String what) {
        try {
            return MAPPER.readTree(result);
        } catch (IOException e) {
            throw new GatewayException("The result of " + what + " is not JSON: " + e.getMessage());
        }
    }

    static <T> List<T> list(byte[] result, Class<T> type, String what) {
        try {
            return MAPPER.readValue(result, MAPPER.getTypeFactory().constructCollectionType(List.class, type));
        } catch (IOException e) {
            throw new GatewayException("The result of " + what + " is not a JSON array of " + type.getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
