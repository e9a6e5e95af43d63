package io.consortia.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consortia.platform.system.PlatformException;
import io.consortia.protocol.v1.FunctionRule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Caller rules are checked against the manifest and the channel before they reach a definition. */
class CallerRuleTest {
    private static final ContractManifest MANIFEST = new ContractManifest("records", "1.0.0", null, List.of(
            new ContractManifest.Function("put", null, false, List.of()),
            new ContractManifest.Function("get", null, true, List.of())));
    private static final Set<String> CHANNEL = Set.of("org1", "org2");

    @Test
    void rules_become_function_rules_in_one_order_whoever_typed_them() {
        List<FunctionRule> rules = CallerRule.toFunctionRules(List.of(
                new CallerRule("put", List.of("org2", "org1", "org2"), List.of("user")),
                new CallerRule("get", null, List.of("admin"))), MANIFEST, CHANNEL);
        assertThat(rules).extracting(FunctionRule::getFunction).containsExactly("get", "put");
        assertThat(rules.get(1).getOrganizationsList()).containsExactly("org1", "org2");
        assertThat(rules.get(1).getRolesList()).containsExactly("user");
        assertThat(rules.get(0).getOrganizationsList()).isEmpty();
        assertThat(CallerRule.toFunctionRules(null, MANIFEST, CHANNEL)).isEmpty();
    }

    @Test
    void rules_that_could_never_be_met_or_name_nothing_are_refused() {
        assertRefused(new CallerRule("del", List.of("org1"), List.of()), "has no function del");
        assertRefused(new CallerRule("put", List.of("org3"), List.of()), "org3 is not an organisation of the channel");
        assertRefused(new CallerRule("put", List.of(), List.of("node")), "role node is not one of [admin, user]");
        assertRefused(new CallerRule("put", List.of(), List.of()), "names no organisation and no role");
        assertThatThrownBy(() -> CallerRule.toFunctionRules(List.of(new CallerRule("put", List.of("org1"), null),
                new CallerRule("put", List.of("org2"), null)), MANIFEST, CHANNEL))
                .isInstanceOf(PlatformException.class).hasMessageContaining("put has two rules");
    }

    @Test
    void every_wrong_rule_is_named_in_one_refusal() {
        assertThatThrownBy(() -> CallerRule.toFunctionRules(List.of(
                new CallerRule("del", List.of("org1"), null),
                new CallerRule("get", List.of("org1"), null),
                new CallerRule("put", List.of("org1", "org9"), List.of("auditor"))), MANIFEST, CHANNEL))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("rules: records 1.0.0 has no function del; org9 is not an "
                            + "organisation of the channel " + CHANNEL + "; role auditor is not one of [admin, user]");
                    @SuppressWarnings("unchecked")
                    List<java.util.Map<String, String>> errors = (List<java.util.Map<String, String>>) e.extensions()
                            .get("errors");
                    assertThat(errors).extracting(error -> error.get("field")).containsExactly("rules[0].function", "rules[2].organizations[1]", "rules[2].roles[0]");
                });
    }

    private static void assertRefused(CallerRule rule, String message) {
        assertThatThrownBy(() -> CallerRule.toFunctionRules(List.of(rule), MANIFEST, CHANNEL))
                .isInstanceOf(PlatformException.class).hasMessageContaining(message);
    }
}
