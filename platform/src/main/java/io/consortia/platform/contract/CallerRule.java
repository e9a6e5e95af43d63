package io.consortia.platform.contract;

import io.consortia.platform.system.InvalidFields;
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
    private static void refuse(InvalidFields wrong, List<String> said, String field, String rule, String sentence) {
        wrong.add(field, rule);
        said.add(sentence);
    }

    static List<FunctionRule> toFunctionRules(List<CallerRule> rules, ContractManifest manifest,
            Set<String> channelOrganizations) {
        if (rules == null || rules.isEmpty()) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        List<FunctionRule> out = new ArrayList<>();
        // every wrong rule is named at once: a list of ten rules is not fixed one 400 at a time
        InvalidFields wrong = new InvalidFields();
        List<String> said = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            CallerRule rule = rules.get(i);
            String at = "rules[" + i + "]";
            if (rule == null || rule.function() == null) {
                refuse(wrong, said, at + ".function", "is required", "every rule needs a function");
                continue;
            }
            String function = rule.function();
            if (manifest.function(function).isEmpty()) {
                refuse(wrong, said, at + ".function", "must be a function of " + manifest.name() + " "
                        + manifest.version(), manifest.name() + " " + manifest.version() + " has no function " + function);
                continue;
            }
            if (!seen.add(function)) {
                refuse(wrong, said, at + ".function", "must not repeat a rule's function",
                        "function " + function + " has two rules");
                continue;
            }
            List<String> organizations = rule.organizations() == null ? List.of() : rule.organizations();
            List<String> roles = rule.roles() == null ? List.of() : rule.roles();
            if (organizations.isEmpty() && roles.isEmpty()) {
                refuse(wrong, said, at, "must name an organisation or a role", "the rule of " + function
                        + " names no organisation and no role; leave the function out to open it to every member");
            }
            boolean good = true;
            for (int j = 0; j < organizations.size(); j++) {
                String organization = organizations.get(j);
                if (!channelOrganizations.contains(organization)) {
                    good = false;
                    refuse(wrong, said, at + ".organizations[" + j + "]", "must be an organisation of the channel "
                            + channelOrganizations, organization + " is not an organisation of the channel "
                            + channelOrganizations);
                }
            }
            for (int j = 0; j < roles.size(); j++) {
                String role = roles.get(j);
                if (!ROLES.contains(role)) {
                    good = false;
                    refuse(wrong, said, at + ".roles[" + j + "]", "must be one of " + ROLES.stream().sorted().toList(),
                            "role " + role + " is not one of " + ROLES.stream().sorted().toList());
                }
            }
            if (good && !(organizations.isEmpty() && roles.isEmpty())) {
                out.add(FunctionRule.newBuilder().setFunction(function)
                        .addAllOrganizations(organizations.stream().distinct().sorted().toList())
                        .addAllRoles(roles.stream().distinct().sorted().toList()).build());
            }
        }
        wrong.throwIfAny("rules: " + String.join("; ", said));
        // the definition's digest hashes the rules: one order for the same rules, whoever typed them
        out.sort(java.util.Comparator.comparing(FunctionRule::getFunction));
        return out;
    }
}
