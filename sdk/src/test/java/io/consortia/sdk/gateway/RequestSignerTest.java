package io.consortia.sdk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked example of docs/gateway-signing.md, value for value. */
class RequestSignerTest {
    private static final String SECRET = "cs_sk_3q2+7w8eXampleSecretKey0123456789";
    /** The hash of "invoice 42" notarized with the built-in contract. */
    private static final String BODY = "{\"contract\":\"notarization\",\"function\":\"record\",\"args\":["
            + "\"8c4e4157ac62218e4bd1fd628d09ff214105bbde5a46f6308b7cbae93fa96183\",\"invoice 42\"]}";

    private static RequestSigner.SignedRequest example() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "platform.example.com:8080");
        headers.put("content-type", "application/json");
        headers.put("x-consortia-date", "20261202T180000Z");
        headers.put("x-consortia-nonce", "6f1c2a9e4b7d4e0f8a3c5b2d1e9f7a60");
        return new RequestSigner.SignedRequest("POST", "/gateway/v1/channels/main/transactions",
                "ref=invoice%2D42&ref=a%2Bb&batch=7", headers, List.of("host", "content-type", "x-consortia-date",
                        "x-consortia-nonce"), BODY.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_worked_example_is_reproduced_step_by_step() {
        assertThat(RequestSigner.sha256Hex("invoice 42".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("8c4e4157ac62218e4bd1fd628d09ff214105bbde5a46f6308b7cbae93fa96183");
        assertThat(RequestSigner.sha256Hex(BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ef1a4a9354d810b5942e67aa88841e3aa0a1902a443bf28d93e9c6ba7a314dfa");
        assertThat(RequestSigner.canonicalQuery(example().rawQuery())).isEqualTo("batch=7&ref=a%2Bb&ref=invoice-42");
        String canonical = RequestSigner.canonicalRequest(example());
        assertThat(canonical).isEqualTo("""
                POST
                /gateway/v1/channels/main/transactions
                batch=7&ref=a%2Bb&ref=invoice-42
                content-type:application/json
                host:platform.example.com:8080
                x-consortia-date:20261202T180000Z
                x-consortia-nonce:6f1c2a9e4b7d4e0f8a3c5b2d1e9f7a60

                content-type;host;x-consortia-date;x-consortia-nonce
                ef1a4a9354d810b5942e67aa88841e3aa0a1902a443bf28d93e9c6ba7a314dfa""");
        assertThat(RequestSigner.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("9212961990edc3a10fd3438373c765164908295aa37cc7a2d1c41f75bd8e67e6");
        String toSign = RequestSigner.stringToSign("20261202T180000Z", "6f1c2a9e4b7d4e0f8a3c5b2d1e9f7a60", canonical);
        assertThat(toSign).isEqualTo("""
                CONSORTIA-HMAC-SHA256
                20261202T180000Z
                6f1c2a9e4b7d4e0f8a3c5b2d1e9f7a60
                9212961990edc3a10fd3438373c765164908295aa37cc7a2d1c41f75bd8e67e6""");
        String signature = RequestSigner.signature(SECRET, toSign);
        assertThat(signature).isEqualTo("bc4de47bab54cd10ac334d0afcfa8b55de1146e830ed3f3b36eb9d37205bab8f");
        assertThat(RequestSigner.sign(SECRET, example())).isEqualTo(signature);
        assertThat(RequestSigner.authorization("AKEXAMPLE0000000001", example().signedHeaders(), signature))
                .isEqualTo("CONSORTIA-HMAC-SHA256 Credential=AKEXAMPLE0000000001, "
                        + "SignedHeaders=content-type;host;x-consortia-date;x-consortia-nonce, "
                        + "Signature=bc4de47bab54cd10ac334d0afcfa8b55de1146e830ed3f3b36eb9d37205bab8f");
    }

    @Test
    void any_change_to_a_signed_part_changes_the_signature() {
        String original = RequestSigner.sign(SECRET, example());
        RequestSigner.SignedRequest e = example();
        Map<String, String> otherNonce = new LinkedHashMap<>(e.headers());
        otherNonce.put("x-consortia-nonce", "6f1c2a9e4b7d4e0f8a3c5b2d1e9f7a61");
        assertThat(List.of(
                RequestSigner.sign(SECRET, new RequestSigner.SignedRequest("PUT", e.rawPath(), e.rawQuery(),
                        e.headers(), e.signedHeaders(), e.body())),
                RequestSigner.sign(SECRET, new RequestSigner.SignedRequest(e.method(), "/gateway/v1/channels/other/transactions",
                        e.rawQuery(), e.headers(), e.signedHeaders(), e.body())),
                RequestSigner.sign(SECRET, new RequestSigner.SignedRequest(e.method(), e.rawPath(), "ref=invoice%2D42&ref=a%2Bb&batch=8",
                        e.headers(), e.signedHeaders(), e.body())),
                RequestSigner.sign(SECRET, new RequestSigner.SignedRequest(e.method(), e.rawPath(), e.rawQuery(),
                        otherNonce, e.signedHeaders(), e.body())),
                RequestSigner.sign(SECRET, new RequestSigner.SignedRequest(e.method(), e.rawPath(), e.rawQuery(),
                        e.headers(), e.signedHeaders(), (BODY + " ").getBytes(StandardCharsets.UTF_8))),
                RequestSigner.sign(SECRET + "x", e))).doesNotContain(original).doesNotHaveDuplicates();
    }

    @Test
    void the_query_is_decoded_re_encoded_and_sorted() {
        assertThat(RequestSigner.canonicalQuery("b=2&a=x%20y&a=%41&c")).isEqualTo("a=A&a=x%20y&b=2&c=");
        assertThat(RequestSigner.canonicalQuery("q=a%2Bb&z=%E4%B8%AD")).isEqualTo("q=a%2Bb&z=%E4%B8%AD");
        assertThat(RequestSigner.canonicalQuery(null)).isEmpty();
        // an escape is '%' and two hex digits: URLDecoder alone read "%-0" as U+0000 (a sign is a digit to parseInt)
        for (String malformed : java.util.List.of("x=%-0", "x=%+5", "x=%G1", "x=%4", "x=%")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RequestSigner.canonicalQuery(malformed))
                    .as(malformed).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percent escape");
        }
    }

    /** The platform reads '+' as a space, RFC 3986 as a plus: "a+b" would be signed as one query and read as another. */
    @Test
    void a_literal_plus_in_the_query_is_refused_rather_than_signed_as_a_plus_or_a_space() {
        for (String ambiguous : java.util.List.of("q=a+b", "a+b=1", "x=1&q=+", "q=%20+")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RequestSigner.canonicalQuery(ambiguous))
                    .as(ambiguous).isInstanceOf(RequestSigner.AmbiguousPlusException.class)
                    .hasMessageContaining("write a space as %20 and a plus as %2B");
        }
        assertThat(RequestSigner.canonicalQuery("q=a%20b")).isNotEqualTo(RequestSigner.canonicalQuery("q=a%2Bb"));
    }

    @Test
    void authorization_headers_are_parsed_and_bad_ones_refused_with_the_reason() {
        RequestSigner.Authorization parsed = RequestSigner.parseAuthorization("CONSORTIA-HMAC-SHA256 "
                + "Credential=AK1, SignedHeaders=content-type;host;x-consortia-date;x-consortia-nonce, Signature="
                + "bc4de47bab54cd10ac334d0afcfa8b55de1146e830ed3f3b36eb9d37205bab8f");
        assertThat(parsed.accessKeyId()).isEqualTo("AK1");
        assertThat(parsed.signedHeaders()).containsExactly("content-type", "host", "x-consortia-date",
                "x-consortia-nonce");
        assertThatThrownBy(() -> RequestSigner.parseAuthorization("Bearer x")).hasMessageContaining("must start");
        assertThatThrownBy(() -> RequestSigner.parseAuthorization("CONSORTIA-HMAC-SHA256 Credential=AK1, "
                + "SignedHeaders=host;x-consortia-date, Signature=" + "0".repeat(64)))
                .hasMessageContaining("x-consortia-nonce");
        assertThatThrownBy(() -> RequestSigner.parseAuthorization("CONSORTIA-HMAC-SHA256 Credential=AK1, "
                + "SignedHeaders=x-consortia-date;host;x-consortia-nonce, Signature=" + "0".repeat(64)))
                .hasMessageContaining("sorted");
        assertThatThrownBy(() -> RequestSigner.parseAuthorization("CONSORTIA-HMAC-SHA256 Credential=AK1, "
                + "SignedHeaders=host;x-consortia-date;x-consortia-nonce, Signature=zz"))
                .hasMessageContaining("64");
    }
}
