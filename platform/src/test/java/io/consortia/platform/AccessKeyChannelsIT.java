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
    void a_key_for_an_unknown_channel_is_refused_and_not_issued() {
        Api.Response refused = alice.post(keys, Json.of("channels", List.of("nonexist"), "contracts", List.of("*"),
                "functions", List.of("*")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asText()).startsWith("channels: ").contains("nonexist");
        assertThat(alice.get(keys).json()).isEmpty();

        Api.Response any = alice.post(keys, Json.of("channels", List.of("*"), "contracts", List.of("*"),
                "functions", List.of("*")));
        assertThat(any.status()).as(any.toString()).isEqualTo(201);
        assertThat(alice.get(keys).json()).hasSize(1);
    }
}
