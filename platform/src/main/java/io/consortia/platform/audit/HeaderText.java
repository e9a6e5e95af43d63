package io.consortia.platform.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request header as the person who sent it wrote it. HTTP headers are ISO-8859-1 to the servlet
 * container, but clients send UTF-8 ("贷款系统/1.0" as a User-Agent), which the container hands over
 * as one Latin-1 character per byte; the audit trail recorded that mojibake for good.
 */
final class HeaderText {
    private HeaderText() {}

    /** The value's bytes read as UTF-8 when they are valid UTF-8, else the value as it came. */
    static String of(String value) {
        if (value == null || value.chars().allMatch(c -> c < 0x80) || value.chars().anyMatch(c -> c > 0xFF)) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return value; // a real Latin-1 header ("Müller" sent as one byte per letter) stays what it was
        }
    }
}
