package io.consortia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Waiting on the platform through its API, with Awaitility. */
final class Waits {
    static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(4);

    private Waits() {}

    /** Polls a deployment until it is no longer RUNNING; returns it with its steps. */
    static JsonNode deployment(Api api, long deployment) {
        return await("deployment " + deployment).atMost(DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/api/v1/deployments/" + deployment).json(),
                        d -> !"RUNNING".equals(d.get("status").asText()));
    }

    /** Deploys the consortium's network with the defaults and waits until it SUCCEEDED; returns the deployment. */
    static JsonNode deployed(Api api, long consortium) {
        Api.Response deploy = api.post("/api/v1/consortia/" + consortium + "/network/deploy", "{}");
        assertThat(deploy.status()).as(deploy.toString()).isEqualTo(202);
        JsonNode done = deployment(api, deploy.json().get("id").asLong());
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        return done;
    }

    /** Polls until an operation named {@code action} (DEPLOY_MEMBER...) of the consortium exists; returns it. */
    static JsonNode started(Api api, long consortium, String action) {
        return await(action + " started").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (JsonNode d : api.get("/api/v1/consortia/" + consortium + "/deployments").json()) {
                        if (action.equals(d.get("action").asText())) {
                            return d;
                        }
                    }
                    return null;
                }, d -> d != null);
    }

    /** Polls the consortium's search box until the query finds something; returns the first hit. */
    static JsonNode searchHit(Api api, long consortium, String query) {
        return await("index has " + query).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                .until(() -> api.get("/api/v1/consortia/" + consortium + "/search?q=" + query).json().get("hits"),
                        hits -> hits != null && hits.size() > 0).get(0);
    }
}
