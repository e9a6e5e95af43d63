package io.consortia.platform.system;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Text in request bodies holds no control characters but tab, line feed and carriage return.
 * Why: PostgreSQL cannot store U+0000 in a text column (its insert failed, and the client was
 * told to reload and try again, as after a concurrent change; H2 stored it), and the others
 * (escape sequences, backspace) only ever serve to disguise a name in a terminal, a log or an
 * exported CSV. A refused value is a 400 naming its field.
 */
@Component
class PlainText implements JsonMapperBuilderCustomizer {
    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.addModule(new SimpleModule("consortia-plain-text").addDeserializer(String.class, new Checked()));
    }

    /** The position and code of the first refused character, or null. */
    static String firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return String.format("U+%04X at position %d", (int) c, i + 1);
            }
        }
        return null;
    }

    private static final class Checked extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = super.deserialize(p, ctxt);
            String found = text == null ? null : firstControl(text);
            if (found != null) {
                // BodyProblems shows this message with the field's path
                throw new IllegalArgumentException("must not contain control characters (" + found
                        + "); tab, line feed and carriage return are allowed");
            }
            return text;
        }
    }
}
