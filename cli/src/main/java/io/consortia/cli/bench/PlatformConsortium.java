package io.consortia.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A consortium made through the platform's REST API as people make one: N organisations, each
 * with an admin, a consortium of {@code nodesPerOrganization} 1 led by the first, every other
 * organisation invited and accepting. Not deployed yet.
 *
 * @param adminTokens bearer tokens of each organisation's admin, in the order of {@code organizationIds}
 */
record PlatformConsortium(long id, String name, List<Long> organizationIds, List<String> organizationNames,
        List<String> adminTokens) {

    /** The first organisation's admin: the consortium's leader. */
    String leader() {
        return adminTokens.get(0);
    }

    /** Organisations named {@code <prefix>o1..N}, consortium "{@code <title> <prefix>}", ECDSA P-256. */
    static PlatformConsortium create(PlatformRestClient rest, String platformAdmin, String prefix, String title,
            int organizations) {
        List<Long> orgIds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> orgAdmins = new ArrayList<>();
        for (int i = 1; i <= organizations; i++) {
            String name = prefix + "o" + i;
            long id = rest.call("POST", "/api/v1/organizations", platformAdmin, Map.of("name", name, "displayName", name),
                    201).get("id").asLong();
            String username = name + "-admin";
            String password = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(10));
            rest.call("POST", "/api/v1/organizations/" + id + "/members", platformAdmin,
                    Map.of("username", username, "password", password, "role", "ADMIN"), 201);
            orgIds.add(id);
            names.add(name);
            orgAdmins.add(rest.login(username, password));
        }
        String leader = orgAdmins.get(0);
        String consortiumName = title + " " + prefix;
        long consortium = rest.call("POST", "/api/v1/consortia", leader, Map.of("name", consortiumName,
                "signatureScheme", "ECDSA_P256", "nodesPerOrganization", 1), 201).get("id").asLong();
        for (int i = 1; i < organizations; i++) {
            rest.call("POST", "/api/v1/consortia/" + consortium + "/invitations", leader,
                    Map.of("organizationId", orgIds.get(i)), 201);
            JsonNode invitations = rest.call("GET", "/api/v1/invitations", orgAdmins.get(i), null, 200);
            for (JsonNode invitation : invitations) {
                if (invitation.path("consortiumId").asLong(consortium) == consortium) {
                    rest.call("POST", "/api/v1/invitations/" + invitation.get("id").asLong() + "/accept",
                            orgAdmins.get(i), null, 200);
                }
            }
        }
        int members = rest.call("GET", "/api/v1/consortia/" + consortium + "/members", leader, null, 200).size();
        if (members != organizations) {
            throw new IllegalStateException("Consortium " + consortium + " has " + members + " members, expected "
                    + organizations);
        }
        return new PlatformConsortium(consortium, consortiumName, List.copyOf(orgIds), List.copyOf(names),
                List.copyOf(orgAdmins));
    }
}
