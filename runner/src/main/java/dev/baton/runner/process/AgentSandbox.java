package dev.baton.runner.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What keeps an agent run from the server's secrets (docs/security.md, "Agent processes"). Always: the server's own
 * variables ({@code BATON_*}, {@code SPRING_*} and the hidden ones) are taken out of the environment the run
 * inherits. With a mechanism (bubblewrap, else util-linux's unshare as root): the run gets mount and process
 * namespaces of its own, where each hidden path is covered by an empty read-only tmpfs (a hidden file by
 * /dev/null), /proc shows its own processes only (not the server's environ or memory) and it has no capabilities,
 * so that even as root it cannot take the cover off; and the git files that would make a later git command (the
 * server's or the user's) run a program, those of the repository the run works in and the user's global config,
 * are read-only there ({@link GitFilesGuard}). The rest of the file system, the network and the user are the
 * server's.
 */
public final class AgentSandbox {

    /** How the namespaces are made; {@code NONE} makes none. */
    public enum Mechanism { BWRAP, UNSHARE, NONE }

    private static final System.Logger LOG = System.getLogger(AgentSandbox.class.getName());
    private static final Pattern SERVER_VARIABLE = Pattern.compile("(?i)(BATON|SPRING)[._].*");
    private static final long PROBE_SECONDS = 30;

    /*
     * The namespaces' outermost process (bwrap's or unshare's parent, whose pid is the run's) would die of the
     * SIGINT or SIGTERM that stops a run and the run would look ended while the agent still saves its session: it
     * ignores both, and the command inside gets them back (a shell cannot undo a signal ignored when it started).
     */
    private static final List<String> IGNORE_STOP_SIGNALS = List.of("env", "--ignore-signal=INT,TERM");
    private static final List<String> DEFAULT_STOP_SIGNALS = List.of("env", "--default-signal=INT,TERM");

    /**
     * unshare's first process: makes the paths given before the first "--" read-only, covers the hidden paths given
     * before the second, then runs the command after it.
     */
    private static final String COVER = """
            while [ "$1" != -- ]; do
              { mount --bind "$1" "$1" && mount -o remount,bind,ro "$1"; } || exit 125
              shift
            done
            shift
            while [ "$1" != -- ]; do
              if [ -d "$1" ]; then mount -t tmpfs -o ro,size=4k baton-hidden "$1"; else mount -o bind,ro /dev/null "$1"; fi || exit 125
              shift
            done
            shift
            exec "$@"
            """;

    /**
     * The probe's checks, given a hidden file ($1), the server's pid namespace ($2) and a protected git config ($3);
     * it says what failed.
     */
    private static final String PROBE = """
            [ ! -e "$1" ] || { echo "a hidden file is still there"; exit 1; }
            ! { echo probe >> "$3"; } 2>/dev/null || { echo "a protected git file can be written"; exit 1; }
            [ "$(readlink /proc/self/ns/pid)" != "$2" ] || { echo "no process namespace of its own"; exit 1; }
            read -r pid rest < /proc/self/stat
            [ "$pid" = "$$" ] || { echo "/proc shows the server's processes"; exit 1; }
            ! umount "${1%/*}" 2>/dev/null || { echo "what hides the files can be unmounted"; exit 1; }
            """;

    private final Mechanism mechanism;
    private final List<Path> hiddenPaths;
    private final Set<String> hiddenVariables;
    private final GitFilesGuard gitFiles;

    private AgentSandbox(Mechanism mechanism, List<Path> hiddenPaths, Set<String> hiddenVariables,
                         GitFilesGuard gitFiles) {
        this.mechanism = mechanism;
        this.hiddenPaths = List.copyOf(hiddenPaths);
        this.hiddenVariables = Set.copyOf(hiddenVariables);
        this.gitFiles = gitFiles;
    }

    /** No namespaces, only the server's own variables taken out: for tools and tests without a server's settings. */
    public static AgentSandbox none() {
        return new AgentSandbox(Mechanism.NONE, List.of(), Set.of(), GitFilesGuard.forUser(Map.of()));
    }

    /**
     * The sandbox {@code settings} ask for, found by trying each candidate mechanism on a probe run (a binary that
     * is there may still be refused namespaces, e.g. in a container or without user namespaces). In mode
     * {@code auto} a server where none works runs agents unsandboxed and says so; in the other modes but
     * {@code off} it refuses to start.
     */
    public static AgentSandbox detect(SandboxSettings settings) {
        List<Mechanism> candidates = switch (settings.mode()) {
            case AUTO, REQUIRED -> List.of(Mechanism.BWRAP, Mechanism.UNSHARE);
            case BWRAP -> List.of(Mechanism.BWRAP);
            case UNSHARE -> List.of(Mechanism.UNSHARE);
            case OFF -> List.of();
        };
        Map<Mechanism, String> failures = new LinkedHashMap<>();
        GitFilesGuard gitFiles = GitFilesGuard.forUser(settings.userVariables());
        for (Mechanism candidate : candidates) {
            AgentSandbox sandbox = new AgentSandbox(candidate, settings.hiddenPaths(), settings.hiddenVariables(),
                    gitFiles);
            Optional<String> failure = sandbox.probe();
            if (failure.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "Agent processes run sandboxed ({0}): {1} hidden from them, and the"
                        + " server''s processes", candidate.name().toLowerCase(Locale.ROOT), settings.hiddenPaths());
                return sandbox;
            }
            failures.put(candidate, failure.get());
        }
        AgentSandbox none = new AgentSandbox(Mechanism.NONE, settings.hiddenPaths(), settings.hiddenVariables(),
                gitFiles);
        if (settings.mode() == SandboxMode.OFF) {
            LOG.log(System.Logger.Level.WARNING, "baton.runner.sandbox=off: agent processes can read the database and"
                    + " the master key under the data folder");
            return none;
        }
        String why = failures.entrySet().stream().map(failure -> failure.getKey().name().toLowerCase(Locale.ROOT)
                + ": " + failure.getValue()).collect(Collectors.joining("; "));
        String fix = "install bubblewrap (apt-get install bubblewrap; it needs user namespaces unless the server runs"
                + " as root), or run the server as root to use unshare";
        if (settings.mode() == SandboxMode.AUTO) {
            LOG.log(System.Logger.Level.WARNING, "No agent sandbox works here ({0}): agent processes can read the"
                    + " database and the master key under the data folder. To hide them, {1}; "
                    + "baton.runner.sandbox=required refuses to start without a sandbox", why, fix);
            return none;
        }
        throw new IllegalStateException("baton.runner.sandbox=" + settings.mode().name().toLowerCase(Locale.ROOT)
                + " but no agent sandbox works here (" + why + "): " + fix);
    }

    public Mechanism mechanism() {
        return mechanism;
    }

    /**
     * The argv that runs {@code command} in the sandbox (the command itself when there is no mechanism), for a run
     * in {@code workingDirectory}. The read-only binds come before the covers, so that a hidden path inside a
     * protected folder is still hidden.
     */
    List<String> wrap(List<String> command, Path workingDirectory) throws IOException {
        List<String> argv = new ArrayList<>();
        List<Path> covered = existingHiddenPaths();
        switch (mechanism) {
            case BWRAP -> {
                argv.addAll(IGNORE_STOP_SIGNALS);
                argv.addAll(List.of("bwrap", "--dev-bind", "/", "/", "--cap-drop", "ALL", "--unshare-pid",
                        "--proc", "/proc"));
                for (Path path : gitFiles.protectedPaths(workingDirectory)) {
                    argv.addAll(List.of("--ro-bind", path.toString(), path.toString()));
                }
                for (Path path : covered) {
                    argv.addAll(Files.isDirectory(path)
                            ? List.of("--tmpfs", path.toString(), "--remount-ro", path.toString())
                            : List.of("--ro-bind", "/dev/null", path.toString()));
                }
                argv.add("--");
                argv.addAll(DEFAULT_STOP_SIGNALS);
            }
            case UNSHARE -> {
                argv.addAll(IGNORE_STOP_SIGNALS);
                argv.addAll(List.of("unshare", "--mount", "--pid", "--fork", "--mount-proc", "--propagation",
                        "private", "--", "sh", "-c", COVER, "baton-sandbox"));
                gitFiles.protectedPaths(workingDirectory).forEach(path -> argv.add(path.toString()));
                argv.add("--");
                covered.forEach(path -> argv.add(path.toString()));
                argv.addAll(List.of("--", "setpriv", "--no-new-privs", "--bounding-set=-all", "--"));
                argv.addAll(DEFAULT_STOP_SIGNALS);
            }
            case NONE -> {
            }
        }
        argv.addAll(command);
        return argv;
    }

    /** Takes the server's own variables out of {@code environment}, a process builder's (inherited) environment. */
    void scrub(Map<String, String> environment) {
        environment.keySet().removeIf(name -> SERVER_VARIABLE.matcher(name).matches() || hiddenVariables.contains(name));
    }

    /**
     * The hidden paths there are now, as real paths (a mount lands on the real folder), without those inside
     * another one (covered with it).
     */
    private List<Path> existingHiddenPaths() throws IOException {
        List<Path> existing = new ArrayList<>();
        for (Path path : hiddenPaths) {
            try {
                existing.add(path.toRealPath());
            } catch (NoSuchFileException e) {
                // nothing to hide
            }
        }
        return existing.stream().distinct()
                .filter(path -> existing.stream().noneMatch(other -> !other.equals(path) && path.startsWith(other)))
                .toList();
    }

    /**
     * Runs the probe in this sandbox with a hidden folder of its own and a checkout whose git config it must not
     * write; empty if every check passed, else why not.
     */
    private Optional<String> probe() {
        try {
            Path folder = Files.createTempDirectory("baton-sandbox-probe");
            Path hidden = Files.createDirectory(folder.resolve("hidden"));
            Path file = Files.writeString(hidden.resolve("file"), "probe");
            Path checkout = Files.createDirectories(folder.resolve("checkout"));
            Path gitConfig = Files.writeString(Files.createDirectory(checkout.resolve(".git")).resolve("config"), "");
            Path output = folder.resolve("output");
            try {
                String serverNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
                AgentSandbox probing = new AgentSandbox(mechanism, List.of(hidden), Set.of(),
                        GitFilesGuard.forUser(Map.of()));
                Process process = new ProcessBuilder(probing.wrap(List.of("sh", "-c", PROBE, "probe", file.toString(),
                        serverNamespace, gitConfig.toString()), checkout)).directory(checkout.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return Optional.of("the probe did not end within " + PROBE_SECONDS + " s");
                }
                String said = Files.readString(output, StandardCharsets.UTF_8).strip();
                return process.exitValue() == 0 ? Optional.empty()
                        : Optional.of(said.isEmpty() ? "exit status " + process.exitValue() : said);
            } finally {
                try (Stream<Path> paths = Files.walk(folder)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying the agent sandbox", e);
        }
    }
}
