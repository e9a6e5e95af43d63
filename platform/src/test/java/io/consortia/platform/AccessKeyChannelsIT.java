package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An access key scoped to a channel its application cannot use (none by that name in the consortium)
 * is refused with 400 naming the field and the channel, and nothing is issued; '*' stays allowed.
 * Deploys no network (a channel the organisation is not in: KeyChannelsTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessKeyChannelsIT {
    private PlatformRunner platform;
    private Api alice;
    private String keys;

    @BeforeAll
    void setUp() {
        platform = new PlatformRunner(TestDatabase.H2).start();
        Api admin = platform.admin();
        long org = Fixtures.organization(admin, "org1");
        alice = Fixtures.member(admin, org, "alice", "ADMIN");
        long consortium = Fixtures.consortium(alice, "scopes");
        Api.Response registered = alice.post("/api/v1/organizations/" + org + "/applications",
                Json.of("consortiumId", consortium, "name", "erp"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        keys = "/api/v1/organizations/" + org + "/applications/" + registered.json().get("id").asLong() + "/keys";
    }

    @AfterAll
    void tearDown() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void one_answer_names_every_field_of_a_key_that_is_wrong() {
        // each came alone, as an invalid-input problem without errors
        int before = alice.get(keys).json().size();
        Api.Response refused = alice.post(keys, Json.of("channels", List.of("nochan", "*", "other"), "contracts",
                List.of("bad name!"), "functions", List.of("*"), "rateLimitPerSecond", -1, "validDays", 0));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:consortia:problem:invalid-input");
        assertThat(refused.json().path("errors")).as(refused.toString())
                .extracting(e -> e.get("field").asText() + " " + e.get("message").asText()).containsExactly(
                        "channels names nochan, which is not a channel of the application's consortium",
                        "channels names other, which is not a channel of the application's consortium",
                        "contracts entries must be '*' or 1-64 of A-Z, a-z, 0-9, '.', '_', ':', '-' (a function may be "
                                + "named contract.function)",
                        "rateLimitPerSecond must be 1 to 10000",
                        "validDays must be 1 to 3650");
        // a scope left out is one of the fields, not an answer of its own
        Api.Response missing = alice.post(keys, Json.of("contracts", List.of(), "functions", List.of("*"),
                "rateLimitPerSecond", 0));
        assertThat(missing.json().path("errors")).as(missing.toString()).extracting(e -> e.get("field").asText())
                .containsExactly("channels", "contracts", "rateLimitPerSecond");
        assertThat(alice.get(keys).json()).hasSize(before);
    }

    @Test
    void a_key_for_an_unknown_channel_is_refused_and_not_issued() {
        Api.Response refused = alice.post(keys, Json.of("channels", List.of("nonexist"), "contracts", List.of("*"),
                "functions", List.of("*")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).isEqualTo("Invalid request: channels names nonexist, which is "
                + "not a channel of the application's consortium");
        assertThat(alice.get(keys).json()).isEmpty();

        Api.Response any = alice.post(keys, Json.of("channels", List.of("*"), "contracts", List.of("*"),
                "functions", List.of("*")));
        assertThat(any.status()).as(any.toString()).isEqualTo(201);
        assertThat(alice.get(keys).json()).hasSize(1);
    }
}
