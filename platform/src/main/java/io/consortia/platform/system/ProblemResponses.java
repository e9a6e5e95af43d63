package io.consortia.platform.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Puts in the OpenAPI document the problem answers every operation can give, so that a client generated from it
 * knows them: the {@code Problem} schema (RFC 9457, as {@link ProblemDetailsAdvice} and {@link Problems} write it)
 * and, per operation, the statuses it can answer. Each is derived from what the document already says of the
 * operation (its security, path and query parameters, body, HTTP method), not listed by hand, so an operation added
 * later gets them too. An error response an operation documents itself keeps its description and gets the problem
 * as its content: springdoc would otherwise show it with the operation's success schema.
 */
final class ProblemResponses implements OpenApiCustomizer {
    static final String SCHEMA = "Problem";
    static final String MEDIA_TYPE = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String REF = "#/components/schemas/" + SCHEMA;
    private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(SCHEMA, schema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/v1/") || path.startsWith("/gateway/v1/")) {
                item.readOperationsMap().forEach((method, operation) -> describe(openApi, method, operation));
            }
        });
    }

    private static void describe(OpenAPI openApi, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean gateway = requires(openApi, operation, OpenApiConfig.GATEWAY_SCHEME);
        boolean caller = !security(openApi, operation).isEmpty();
        boolean pathValues = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()));
        boolean values = operation.getRequestBody() != null || operation.getParameters() != null && operation
                .getParameters().stream().anyMatch(p -> "path".equals(p.getIn()) || "query".equals(p.getIn()));
        if (values || gateway) {
            add(responses, "400", gateway
                    ? "Bad request: a field, path or query value is wrong (invalid-input, errors names each field), or "
                            + "a query or header the gateway cannot read or sign (bad-request)"
                    : "Bad request: a field, path or query value is wrong (invalid-input: errors names each field), "
                            + "or the body is not JSON for this endpoint (malformed-json); nothing was changed");
        }
        if (caller) {
            add(responses, "401", gateway
                    ? "The request is not signed right: no or malformed Authorization, a required header missing or "
                            + "unsigned, the clock more than 5 minutes off, an unknown, revoked or expired access key, "
                            + "a signature that does not match (the problem carries canonicalRequest and stringToSign) "
                            + "or a nonce used before (gateway-*; docs/gateway-signing.md)"
                    : "No, expired or revoked credentials (unauthenticated): sign in with POST /api/v1/auth/login");
            add(responses, "403", gateway
                    ? "The channel, contract or function is not in the access key's scope (gateway-out-of-scope)"
                    : "The caller may not do this (forbidden: their organisation or role does not allow it, "
                            + "auditors only read)");
        }
        if (pathValues) {
            add(responses, "404", "Not found: nothing with this id (not-found)");
        }
        // a change to something named (a body, an id) may meet another change of it, or a unique key
        if (WRITES.contains(method) && caller && values && !gateway) {
            add(responses, "409", "Conflict with the platform's current data: it already exists, is in another state, "
                    + "or changed meanwhile (conflict); nothing was changed");
        }
        if (gateway) {
            add(responses, "429", "More requests a second than the access key allows (gateway-rate-limited); "
                    + "send it again after Retry-After seconds");
        }
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(problemContent());
            }
        });
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(status, new ApiResponse().description(description));
        }
    }

    /** The operation's own security, or the document's when it names none; an empty list: anyone may call it. */
    private static List<SecurityRequirement> security(OpenAPI openApi, Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity() != null ? operation.getSecurity()
                : openApi.getSecurity();
        return security == null ? List.of() : security;
    }

    private static boolean requires(OpenAPI openApi, Operation operation, String scheme) {
        return security(openApi, operation).stream().anyMatch(requirement -> requirement.containsKey(scheme));
    }

    private static Content problemContent() {
        return new Content().addMediaType(MEDIA_TYPE, new MediaType().schema(new Schema<>().$ref(REF)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> schema() {
        Schema<?> error = new ObjectSchema()
                .description("A field that is wrong and why")
                .addProperty("field", new StringSchema().description("The field as it is named in the request: "
                        + "'name', 'transactions[0].contract', a path variable or query parameter"))
                .addProperty("message", new StringSchema().description("What the field must be: 'must be 64 hex "
                        + "characters'"));
        error.setRequired(List.of("field", "message"));
        Schema problem = new ObjectSchema()
                .description("An RFC 9457 problem detail, the body of every error answer "
                        + "(application/problem+json). Some carry further members: code (a node's refusal code), "
                        + "retryAfterSeconds (429, 503), transactionId and blockNumber (a refusal recorded in a block), "
                        + "canonicalRequest and stringToSign (gateway-bad-signature), allowed (405).")
                .addProperty("type", new StringSchema().format("uri").description("What went wrong, as a URN "
                        + "to compare: urn:consortia:problem:invalid-input, not-found, conflict, unauthenticated, "
                        + "forbidden, gateway-bad-signature, ..."))
                .addProperty("title", new StringSchema().description("The HTTP status's reason phrase: 'Bad Request'"))
                .addProperty("status", new IntegerSchema().description("The HTTP status code"))
                .addProperty("detail", new StringSchema().description("What was wrong with this request, in a "
                        + "sentence for a person"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("The path the "
                        + "request was sent to"))
                .addProperty("errors", new ArraySchema().items(error).description("400 invalid-input: every field "
                        + "that is wrong, at once"));
        problem.setRequired(List.of("type", "title", "status", "detail"));
        problem.setAdditionalProperties(Boolean.TRUE);
        problem.setExample(Map.of("type", "urn:consortia:problem:invalid-input", "title", "Bad Request", "status", 400,
                "detail", "Invalid request: documentHash must be 64 hex characters (SHA-256 or SM3)",
                "instance", "/gateway/v1/channels/main/notarizations", "errors", List.of(Map.of("field", "documentHash",
                        "message", "must be 64 hex characters (SHA-256 or SM3)"))));
        return problem;
    }
}
