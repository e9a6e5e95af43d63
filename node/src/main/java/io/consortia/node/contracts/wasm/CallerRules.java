package io.consortia.node.contracts.wasm;

import io.consortia.crypto.CertificateRole;
import io.consortia.protocol.v1.ContractDefinition;
import io.consortia.protocol.v1.FunctionRule;
import java.util.Locale;
import java.util.Optional;

/** Who may call a function of a committed definition (contracts.proto, FunctionRule). */
public final class CallerRules {
    private CallerRules() {}

    /** Empty when {@code organization} with a certificate of {@code role} may call {@code function}, else why not. */
    public static Optional<String> refusal(ContractDefinition definition, String function, String organization,
            Optional<CertificateRole> role) {
        for (FunctionRule rule : definition.getFunctionsList()) {
            if (!rule.getFunction().equals(function)) {
                continue;
            }
            if (!rule.getOrganizationsList().isEmpty() && !rule.getOrganizationsList().contains(organization)) {
                return Optional.of("function " + function + " of contract " + definition.getName()
                        + " may be called by organizations " + rule.getOrganizationsList() + " only");
            }
            String roleName = role.map(r -> r.name().toLowerCase(Locale.ROOT)).orElse("");
            if (!rule.getRolesList().isEmpty() && !rule.getRolesList().contains(roleName)) {
                return Optional.of("function " + function + " of contract " + definition.getName()
                        + " may be called with certificates of roles " + rule.getRolesList() + " only");
            }
            return Optional.empty();
        }
        return Optional.empty();
    }
}
