package dev.baton.runner.process;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the agent sandbox hides: {@code hiddenPaths} (the database's and the master key's folders, and those of
 * {@code baton.runner.sandbox.hidden-paths}) and {@code hiddenVariables}, the names of
 * {@code baton.runner.sandbox.hidden-variables}; the server's {@code BATON_*} and {@code SPRING_*} variables are
 * hidden whatever this says. {@code userVariables} are the server's {@code HOME} and {@code XDG_CONFIG_HOME}, where
 * git finds the global config that runs must not write.
 */
public record SandboxSettings(SandboxMode mode, List<Path> hiddenPaths, Set<String> hiddenVariables,
                              Map<String, String> userVariables) {

    private static final Set<String> USER_VARIABLES = Set.of("HOME", "XDG_CONFIG_HOME");

    public SandboxSettings {
        hiddenPaths = hiddenPaths.stream().map(path -> path.toAbsolutePath().normalize()).toList();
        hiddenVariables = Set.copyOf(hiddenVariables);
        userVariables = userVariables.entrySet().stream().filter(variable -> USER_VARIABLES.contains(variable.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The settings of a server whose data folder is {@code dataDir}, the lists as comma-separated properties. */
    public static SandboxSettings of(Path dataDir, String mode, String extraHiddenPaths, String hiddenVariables) {
        return of(dataDir, mode, extraHiddenPaths, hiddenVariables, System.getenv());
    }

    /** The same for a server whose variables are {@code environment}. */
    public static SandboxSettings of(Path dataDir, String mode, String extraHiddenPaths, String hiddenVariables,
                                     Map<String, String> environment) {
        List<Path> paths = Stream.concat(Stream.of(dataDir.resolve("db"), dataDir.resolve("secrets")),
                items(extraHiddenPaths).map(Path::of)).toList();
        return new SandboxSettings(SandboxMode.of(mode), paths,
                items(hiddenVariables).collect(Collectors.toSet()), environment);
    }

    private static Stream<String> items(String commaList) {
        return Arrays.stream(commaList.split(",")).map(String::strip).filter(item -> !item.isEmpty());
    }
}
