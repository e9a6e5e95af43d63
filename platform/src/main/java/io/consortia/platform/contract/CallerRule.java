package io.consortia.platform.contract;

import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.FunctionRule;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may call one function of a contract, as a proposer sets it: organisations (by name) and/or
 * certificate roles. It becomes the definition's {@code FunctionRule}, which every node enforces at
 * execution (a refused call is recorded FORBIDDEN with its reason); a function without a rule is open
 * to every member of the channel.
 */
public record CallerRule(
        @NotBlank @Size(max = 64) String function,
        @Size(max = 64) List<@NotBlank @Size(max = 64) String> organizations,
        @Size(max = 2) List<@NotBlank String> roles) {

    /**
     * The roles a caller's certificate can carry here: the platform signs calls with USER
     * certificates, an organisation admin's call of a function open to role admin only and
     * lifecycle steps with ADMIN ones; applications hold either.
     */
    static final Set<String> ROLES = Set.of("admin", "user");

    /**
     * Checks rules against the manifest of the code they govern and the channel's organisations
     * before anything is sent, so a typo is a 400 here rather than a rule nobody can satisfy on chain.
     */
    static List<FunctionRule> toFunctionRules(List<CallerRule> rules, ContractManifest manifest,
            Set<String> channelOrganizations) {
        if (rules == null || rules.isEmpty()) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        List<FunctionRule> out = new ArrayList<>();
        for (CallerRule rule : rules) {
            if (rule == null || rule.function() == null) {
                throw PlatformException.invalid("rules: every rule needs a function");
            }
            String function = rule.function();
            if (manifest.function(function).isEmpty()) {
                throw PlatformException.invalid("rules: " + manifest.name() + " " + manifest.version()
                        + " has no function " + function);
            }
            if (!seen.add(function)) {
                throw PlatformException.invalid("rules: function " + function + " has two rules");
            }
            List<String> organizations = rule.organizations() == null ? List.of() : rule.organizations();
            List<String> roles = rule.roles() == null ? List.of() : rule.roles();
            if (organizations.isEmpty() && roles.isEmpty()) {
                throw PlatformException.invalid("rules: the rule of " + function + " names no organisation and no "
                        + "role; leave the function out to open it to every member");
            }
            for (String organization : organizations) {
                if (!channelOrganizations.contains(organization)) {
                    throw PlatformException.invalid("rules: " + organization + " is not an organisation of the channel "
                            + channelOrganizations);
                }
            }
            for (String role : roles) {
                if (!ROLES.contains(role)) {
                    throw PlatformException.invalid("rules: role " + role + " is not one of " + ROLES.stream().sorted()
                            .toList());
                }
            }
            out.add(FunctionRule.newBuilder().setFunction(function)
                    .addAllOrganizations(organizations.stream().distinct().sorted().toList())
                    .addAllRoles(roles.stream().distinct().sorted().toList()).build());
        }
        // the definition's digest hashes the rules: one order for the same rules, whoever typed them
        out.sort(java.util.Comparator.comparing(FunctionRule::getFunction));
        return out;
    }
}
