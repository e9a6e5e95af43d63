package io.consortia.platform.contract;

import io.consortia.platform.system.InvalidFields;
import io.consortia.platform.system.PlatformException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a WebAssembly package says about itself: the contract's name and version, and each exported
 * function with its arguments, so the console can build a call form and the API can check a call
 * before it is signed. The module itself decides what the arguments mean; the types here only say
 * which text a caller may give ({@code integer}: a whole number, {@code boolean}: true or false).
 */
public record ContractManifest(
        @NotBlank @Pattern(regexp = NAME, message = "must be 1-64 of a-z, 0-9, '_', '.', '-', not starting with '_' or '.'")
        String name,
        @NotBlank @Pattern(regexp = VERSION, message = "must be 1-64 of A-Z, a-z, 0-9, '.', '_', '+', '-'")
        String version,
        @Size(max = 2000) String description,
        @NotNull @Size(min = 1, max = 64) List<@Valid @NotNull Function> functions) {

    static final String NAME = "[a-z0-9-][a-z0-9_.-]{0,63}";
    static final String VERSION = "[A-Za-z0-9._+-]{1,64}";
    /** Names the node keeps for its built-in contracts: a user contract may not take them. */
    static final Set<String> BUILT_IN_NAMES = Set.of("notarization", "asset", "token", "nft", "traceability");

    /** An exported function; {@code query} functions are evaluated (never ordered), others submitted. */
    public record Function(
            @NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}", message = "must be an identifier of 1-64 characters")
            String name,
            @Size(max = 500) String description,
            Boolean query,
            @NotNull @Size(max = 16) List<@Valid @NotNull Argument> args) {
        /** {@code query} is optional (OpenAPI, README): absent means false, a submitted function. */
        public Function {
            query = Boolean.TRUE.equals(query);
        }
    }

    public record Argument(
            @NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}", message = "must be an identifier of 1-64 characters")
            String name,
            @NotNull @Pattern(regexp = "string|integer|boolean", message = "must be string, integer or boolean")
            String type) {}

    /** Checks what bean validation cannot: reserved names and duplicate functions or arguments. */
    void checkConsistent() {
        if (BUILT_IN_NAMES.contains(name)) {
            throw InvalidFields.field("manifest.name", name + " is a built-in contract's name");
        }
        Set<String> seen = new HashSet<>();
        for (Function function : functions) {
            if (!seen.add(function.name())) {
                throw InvalidFields.field("manifest.functions", function.name() + " appears twice");
            }
            Set<String> args = new HashSet<>();
            for (Argument argument : function.args()) {
                if (!args.add(argument.name())) {
                    throw InvalidFields.field("manifest.functions." + function.name(), "argument "
                            + argument.name() + " appears twice");
                }
            }
        }
    }

    java.util.Optional<Function> function(String functionName) {
        return functions.stream().filter(f -> f.name().equals(functionName)).findFirst();
    }

    /** Checks a call's arguments against a function's, refusing with 400 what the function does not take. */
    static void checkArguments(Function function, List<String> values) {
        if (values.size() != function.args().size()) {
            throw InvalidFields.field("args", "must hold " + function.args().size() + " value(s) (" + function.name() + " takes "
                    + function.args().size() + " argument(s)), " + values.size() + " given");
        }
        for (int i = 0; i < values.size(); i++) {
            Argument argument = function.args().get(i);
            String value = values.get(i);
            if (value == null) {
                throw InvalidFields.field("args[" + i + "]", "is missing", "argument " + argument.name() + " is missing");
            }
            boolean ok = switch (argument.type()) {
                case "integer" -> value.matches("-?[0-9]{1,19}") && fitsLong(value);
                case "boolean" -> value.equals("true") || value.equals("false");
                default -> value.length() <= 65536;
            };
            if (!ok) {
                String rule = "must be " + switch (argument.type()) {
                    case "integer" -> "a whole number (64-bit)";
                    case "boolean" -> "true or false";
                    default -> "text of at most 65536 characters";
                };
                throw InvalidFields.field("args[" + i + "]", rule, "argument " + argument.name() + " " + rule);
            }
        }
    }

    private static boolean fitsLong(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
