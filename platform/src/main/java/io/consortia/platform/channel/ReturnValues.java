package io.consortia.platform.channel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A contract's return value as the platform answers it: the exact bytes in base64, and the text only
 * when the bytes are valid UTF-8. A contract may return any bytes; decoding them as text anyway turns
 * every invalid sequence into U+FFFD, and the caller can never get the bytes back.
 */
public final class ReturnValues {
    private ReturnValues() {}

    /** The bytes as text, or null when they are not valid UTF-8. */
    public static String text(byte[] returned) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(returned)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }

    public static String base64(byte[] returned) {
        return Base64.getEncoder().encodeToString(returned);
    }
}
