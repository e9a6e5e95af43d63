package io.consortia.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consortia.cli.CliException;
import io.consortia.crypto.PassphraseSeal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An exported key bundle ({@code consortia-key-bundle/v1}, as {@code POST
 * /api/v1/organizations/{id}/keys/export} answers it) read from its JSON, and opened.
 */
record BundleFile(String organization, PassphraseSeal.Sealed sealed, byte[] aad) {
    static final String FORMAT = "consortia-key-bundle/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One key of the bundle; {@link #toString} leaves the key out. */
    record Key(long consortiumId, String purpose, String subject, String certificatePem, String privateKeyPem) {
        @Override
        public String toString() {
            return "Key[" + purpose + " " + subject + "]";
        }
    }

    /** Thrown for a file that is not a bundle this version reads; the message says why. */
    static final class NotABundle extends CliException {
        NotABundle(String message) {
            super(message);
        }
    }

    static BundleFile parse(String json) throws NotABundle {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new NotABundle("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new NotABundle("not a key bundle (a JSON object is expected)");
        }
        String format = text(root, "format");
        if (!FORMAT.equals(format)) {
            throw new NotABundle("format is " + format + ", this command reads " + FORMAT);
        }
        if (!PassphraseSeal.KDF.equals(text(root, "kdf"))) {
            throw new NotABundle("kdf is " + text(root, "kdf") + ", this command reads " + PassphraseSeal.KDF);
        }
        String organization = text(root, "organization");
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            PassphraseSeal.Sealed sealed = new PassphraseSeal.Sealed(b64.decode(text(root, "salt")),
                    b64.decode(text(root, "nonce")), root.path("iterations").asInt(0),
                    b64.decode(text(root, "ciphertext")));
            return new BundleFile(organization, sealed, (format + ":" + organization).getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new NotABundle("salt, nonce or ciphertext is not base64: " + e.getMessage());
        }
    }

    private static String text(JsonNode root, String field) throws NotABundle {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new NotABundle("field " + field + " is missing");
        }
        return node.asText();
    }

    /** The keys; {@link GeneralSecurityException} for a wrong passphrase or an altered bundle. */
    List<Key> open(char[] passphrase) throws GeneralSecurityException {
        byte[] plaintext = PassphraseSeal.open(sealed, passphrase, aad);
        try {
            List<Key> keys = new ArrayList<>();
            for (JsonNode k : JSON.readTree(plaintext).path("keys")) {
                keys.add(new Key(k.path("consortiumId").asLong(), k.path("purpose").asText(),
                        k.path("subject").asText(), k.path("certificatePem").asText(),
                        k.path("privateKeyPem").asText()));
            }
            return keys;
        } catch (IOException e) {
            throw new GeneralSecurityException("the bundle's content is not readable", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
