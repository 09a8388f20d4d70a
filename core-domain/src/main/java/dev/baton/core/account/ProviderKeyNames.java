package dev.baton.core.account;

import dev.baton.core.common.DomainException;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The name of a provider key is the environment variable it is given to the agent as ({@code OPENAI_API_KEY}):
 * upper-case letters, digits and underscores. Names the runner or the system relies on are refused, so that a key
 * cannot change where an agent keeps its configuration, which programs it finds, or what Baton tells it.
 */
public final class ProviderKeyNames {

    private static final Pattern VALID = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    private static final Set<String> RESERVED = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "PWD", "TMPDIR",
            "TERM", "LANG", "NO_COLOR", "CODEX_HOME", "CLAUDE_CONFIG_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
            "XDG_STATE_HOME", "XDG_CACHE_HOME", "OPENCODE_CONFIG_DIR", "NODE_OPTIONS", "JAVA_TOOL_OPTIONS");
    private static final List<String> RESERVED_PREFIXES = List.of("BATON_", "LD_", "LC_", "SPRING_", "GIT_", "MOXXY_");

    private ProviderKeyNames() {
    }

    public static String checked(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw DomainException.invalidField("name", "a provider key's name is the environment variable it is given"
                    + " as: 2 to 64 upper-case letters, digits or '_', starting with a letter (e.g. OPENAI_API_KEY)");
        }
        if (RESERVED.contains(name) || RESERVED_PREFIXES.stream().anyMatch(name::startsWith)) {
            throw DomainException.invalidField("name", name + " is an environment variable the runner or the system"
                    + " sets itself: it cannot be a provider key");
        }
        return name;
    }
}
