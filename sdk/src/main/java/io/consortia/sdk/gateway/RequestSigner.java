package io.consortia.sdk.gateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's request signature, CONSORTIA-HMAC-SHA256 (docs/gateway-signing.md). Both the
 * platform, which verifies, and clients, which sign, use this one implementation, so the two
 * cannot drift apart.
 */
public final class RequestSigner {
    public static final String ALGORITHM = "CONSORTIA-HMAC-SHA256";
    public static final String DATE_HEADER = "x-consortia-date";
    public static final String NONCE_HEADER = "x-consortia-nonce";
    /** Headers every signature must cover. */
    public static final List<String> REQUIRED_HEADERS = List.of("host", DATE_HEADER, NONCE_HEADER);
    /** ISO 8601 basic format in UTC, e.g. 20261202T180000Z. */
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private RequestSigner() {}

    /** What a request looks like to the signature: headers by lower-case name. */
    public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, String> headers,
            List<String> signedHeaders, byte[] body) {}

    /**
     * The canonical request: method, path, sorted query, the signed headers (name:value lines
     * sorted by name), a blank line, the signed header names joined by ';', and hex SHA-256 of
     * the body, separated by '\n'.
     */
    public static String canonicalRequest(SignedRequest request) {
        List<String> names = signedHeaderNames(request.signedHeaders());
        StringBuilder text = new StringBuilder();
        text.append(request.method().toUpperCase(Locale.ROOT)).append('\n');
        text.append(request.rawPath() == null || request.rawPath().isEmpty() ? "/" : request.rawPath()).append('\n');
        text.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : names) {
            String value = request.headers().get(name);
            text.append(name).append(':').append(value == null ? "" : value.strip().replaceAll("\\s+", " "))
                    .append('\n');
        }
        text.append('\n');
        text.append(String.join(";", names)).append('\n');
        text.append(sha256Hex(request.body() == null ? new byte[0] : request.body()));
        return text.toString();
    }

    /** The string to sign: algorithm, date, nonce and hex SHA-256 of the canonical request, by '\n'. */
    public static String stringToSign(String date, String nonce, String canonicalRequest) {
        return ALGORITHM + "\n" + date + "\n" + nonce + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex HMAC-SHA256 of the string to sign, keyed with the secret key's UTF-8 bytes. */
    public static String signature(String secretKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The whole signature of a request whose headers include the date and the nonce. */
    public static String sign(String secretKey, SignedRequest request) {
        return signature(secretKey, stringToSign(request.headers().get(DATE_HEADER),
                request.headers().get(NONCE_HEADER), canonicalRequest(request)));
    }

    /** The Authorization header's value. */
    public static String authorization(String accessKeyId, List<String> signedHeaders, String signature) {
        return ALGORITHM + " Credential=" + accessKeyId + ", SignedHeaders="
                + String.join(";", signedHeaderNames(signedHeaders)) + ", Signature=" + signature;
    }

    /** A parsed Authorization header. */
    public record Authorization(String accessKeyId, List<String> signedHeaders, String signature) {}

    /**
     * Parses {@code CONSORTIA-HMAC-SHA256 Credential=AK, SignedHeaders=a;b, Signature=hex}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static Authorization parseAuthorization(String header) {
        if (header == null || !header.startsWith(ALGORITHM + " ")) {
            throw new IllegalArgumentException("the Authorization header must start with '" + ALGORITHM + " '");
        }
        Map<String, String> parts = new TreeMap<>();
        for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("the Authorization header has a part without '=': " + part.strip());
            }
            parts.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
        }
        String credential = parts.get("Credential");
        String signed = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        if (credential == null || signed == null || signature == null || parts.size() != 3) {
            throw new IllegalArgumentException("the Authorization header needs exactly Credential, SignedHeaders "
                    + "and Signature");
        }
        if (!signature.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Signature must be 64 lower-case hex characters");
        }
        List<String> headers = List.of(signed.split(";"));
        for (String required : REQUIRED_HEADERS) {
            if (!headers.contains(required)) {
                throw new IllegalArgumentException("SignedHeaders must include " + required);
            }
        }
        if (!headers.equals(signedHeaderNames(headers))) {
            throw new IllegalArgumentException("SignedHeaders must be lower-case, sorted and without duplicates");
        }
        return new Authorization(credential, headers, signature);
    }

    /**
     * A query with a literal '+': the platform reads it as a space, RFC 3986 as a plus, so it is
     * refused rather than signed as one and read as the other. Write a space as %20, a plus as %2B.
     */
    public static final class AmbiguousPlusException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        AmbiguousPlusException() {
            super("the query has a literal '+', which is read as a space by the platform but is a plus in RFC 3986: "
                    + "write a space as %20 and a plus as %2B");
        }
    }

    /**
     * Query parameters decoded, re-encoded per RFC 3986, sorted by name then value, joined by '&'.
     *
     * @throws IllegalArgumentException for a '%' without two hex digits after it, and
     *     {@link AmbiguousPlusException} for a literal '+'
     */
    public static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] pair : pairs) {
            joined.add(pair[0] + "=" + pair[1]);
        }
        return String.join("&", joined);
    }

    /** RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - _ . ~, upper-case hex. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX.withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public static String date(Instant instant) {
        return DATE.format(instant);
    }

    private static String decode(String text) {
        // URLDecoder reads an escape with Integer.parseInt, which takes a sign: "%-0" became U+0000
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || !HexFormat.isHexDigit(text.charAt(i + 1))
                    || !HexFormat.isHexDigit(text.charAt(i + 2))) {
                throw new IllegalArgumentException("malformed percent escape at position " + (i + 1)
                        + ": '%' must be followed by two hex digits");
            }
        }
        // The server reads a query's '+' as a space (the form encoding), RFC 3986 as a plus: signed as
        // either, "a+b" would share its signature with a query the server reads otherwise. Refused.
        if (text.indexOf('+') >= 0) {
            throw new AmbiguousPlusException();
        }
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static List<String> signedHeaderNames(List<String> headers) {
        return headers.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    }
}
