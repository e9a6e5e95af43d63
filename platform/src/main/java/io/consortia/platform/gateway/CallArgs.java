package io.consortia.platform.gateway;

import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidNullException;

/**
 * A call's {@code args}: an array of texts, or left out (no arguments). An explicit
 * {@code "args": null} is not an array and is refused as {@code "args": "CNY"} is (400 "args must be
 * an array"): it was taken as no arguments and the call submitted, so a client's bug became a
 * transaction on the ledger. Jackson asks for the null value for a JSON null and for the absent value
 * when the field is missing, so the two can be told apart here (a Nulls.FAIL setting could not: a
 * record's missing field is treated as null too).
 */
final class CallArgs extends ValueDeserializer<List<String>> {
    @Override
    public List<String> deserialize(JsonParser parser, DeserializationContext context) {
        return context.readValue(parser, listOfText(context));
    }

    @Override
    public Object getNullValue(DeserializationContext context) {
        throw InvalidNullException.from(context, PropertyName.construct("args"), listOfText(context));
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return null;
    }

    private static JavaType listOfText(DeserializationContext context) {
        return context.getTypeFactory().constructCollectionType(List.class, String.class);
    }
}
