package dev.baton.core.agent;

import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A configured agent: which adapter runs it, with which model, argv, environment, role and limits. */
public record AgentProfileSettings(String name, String adapter, String model, List<String> command,
                                   Map<String, String> env, String role, AgentLimits limits) {

    public static final List<String> ROLES = List.of("orchestrator", "builder", "reviewer", "generic");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    /** Secrets do not belong in a profile: events are kept forever and are readable in the timeline. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL).*");

    public static AgentProfileSettings checked(String name, String adapter, String model, List<String> command,
                                               Map<String, String> env, String role, AgentLimits limits) {
        String checkedName = Checks.required("name", name, Checks.MAX_NAME);
        if (adapter == null || AgentAdapter.fromId(adapter).isEmpty()) {
            throw DomainException.invalidField("adapter", "adapter must be one of " + String.join(", ", AgentAdapter.ids()));
        }
        Checks.optional("model", model, Checks.MAX_NAME);
        List<String> argv = Checks.strings("command", command, Checks.MAX_TEXT);
        if (adapter.equals(AgentAdapter.COMMAND.id()) && argv.isEmpty()) {
            throw DomainException.invalidField("command", "the command adapter needs command: the program and its arguments");
        }
        String checkedRole = role == null ? "generic" : role;
        if (!ROLES.contains(checkedRole)) {
            throw DomainException.invalidField("role", "role must be one of " + String.join(", ", ROLES));
        }
        return new AgentProfileSettings(checkedName, adapter, blankToNull(model), argv, checkedEnv(env), checkedRole,
                checkedLimits(limits));
    }

    public AgentProfileSettings with(String newName, String newAdapter, String newModel, List<String> newCommand,
                                     Map<String, String> newEnv, String newRole, AgentLimits newLimits) {
        return checked(pick(newName, name), pick(newAdapter, adapter), pick(newModel, model), pick(newCommand, command),
                pick(newEnv, env), pick(newRole, role), pick(newLimits, limits));
    }

    private static <T> T pick(T changed, T current) {
        return changed != null ? changed : current;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<String, String> checkedEnv(Map<String, String> env) {
        if (env == null) {
            return Map.of();
        }
        if (env.size() > Checks.MAX_LIST) {
            throw DomainException.invalidField("env", "env has more than " + Checks.MAX_LIST + " variables");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        env.forEach((key, value) -> {
            if (key == null || !ENV_NAME.matcher(key).matches()) {
                throw DomainException.invalidField("env", "env variable names are letters, digits and _ (" + key + ")");
            }
            if (SECRET_NAME.matcher(key).matches()) {
                throw DomainException.invalidField("env", "env must not hold secrets such as " + key
                        + ": store API keys as provider keys, which are encrypted");
            }
            checked.put(key, Checks.optional("env", value == null ? "" : value, Checks.MAX_TEXT));
        });
        return checked;
    }

    private static AgentLimits checkedLimits(AgentLimits limits) {
        if (limits == null) {
            return AgentLimits.NONE;
        }
        positive("limits.max_runtime_seconds", limits.maxRuntimeSeconds());
        positive("limits.max_tokens", limits.maxTokens());
        positive("limits.max_cost_usd", limits.maxCostUsd());
        return limits;
    }

    private static void positive(String field, Number value) {
        if (value != null && value.doubleValue() <= 0) {
            throw DomainException.invalidField(field, field + " must be positive");
        }
    }
}
