package dev.baton.bench;

import dev.baton.runner.workspace.GitCli;
import dev.baton.runner.workspace.ProjectRepository;
import dev.baton.runner.workspace.WorkspaceBase;
import dev.baton.runner.workspace.WorkspaceManager;
import dev.baton.runner.workspace.WorkspaceRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The "workspace" phase (issue 3: a workspace of a 20,000-file repository takes at most 1.5 x what
 * {@code git worktree add} takes). On one generated repository, each round times a plain {@code git worktree add}
 * and a {@link WorkspaceManager#create} side by side, the order alternating from round to round, then removes both
 * worktrees (not timed). No database, no server: the runner's code runs in this JVM, as it does in the server's.
 * <p>
 * A removed worktree's files are moved aside, not deleted, until the work folder is deleted at the end: on ext4
 * without a journal (this machine's disk) a new file skips every inode freed in the last 60 s one by one, and
 * deleting the 40,000 files of a round made the next round's creations 5 to 10 times slower.
 */
final class WorkspacePhase {

    private static final String SCOPE = "workspace";
    private static final double MAX_RATIO = 1.5;
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(10);
    private static final String TASK_ID = "bench";

    private final Options o;
    private final List<Result> results;
    private final GitCli git = new GitCli("git", GIT_TIMEOUT);
    private final Path root;
    private final WorkspaceManager manager;

    WorkspacePhase(Options o, List<Result> results) {
        this.o = o;
        this.results = results;
        this.root = o.work.resolve("workspace");
        this.manager = new WorkspaceManager(root.resolve("baton-data"), git, Clock.systemUTC());
    }

    /** The two creation times of one round, in nanoseconds. */
    private record Round(long gitNanos, long managerNanos) {
    }

    void run() throws Exception {
        Log.line(SCOPE, String.format("making a repository of %,d files", o.workspaceFiles));
        GeneratedRepository repository = GeneratedRepository.create(root.resolve("repository"), o.workspaceFiles, git,
                message -> Log.line(SCOPE, message));
        ProjectRepository project = ProjectRepository.local("bench", repository.path());
        // Not counted: the first creation loads and compiles JGit's and the runner's code, and reads the repository
        // into the page cache. It also checks that both worktrees hold every file.
        Round warmUp = round(project, 0, true, true);
        Log.line(SCOPE, String.format("%d rounds, each: git worktree add and WorkspaceManager.create, alternating"
                + " which goes first", o.workspaceRounds));
        long[] gitNanos = new long[o.workspaceRounds];
        long[] managerNanos = new long[o.workspaceRounds];
        String load = ProcStats.loadAverage();
        ProcStats.Cpu cpu0 = ProcStats.Cpu.sample(ProcStats.NO_SERVER);
        for (int i = 0; i < o.workspaceRounds; i++) {
            Round round = round(project, i + 1, i % 2 == 1, false);
            gitNanos[i] = round.gitNanos();
            managerNanos[i] = round.managerNanos();
        }
        Map<String, Object> cpu = ProcStats.Cpu.sample(ProcStats.NO_SERVER).since(cpu0);
        report(repository, warmUp, gitNanos, managerNanos, cpu, load);
    }

    private void report(GeneratedRepository repository, Round warmUp, long[] gitNanos, long[] managerNanos,
                        Map<String, Object> cpu, String load) {
        double gitP50 = Stats.percentileMs(gitNanos, 50);
        double gitMax = Stats.percentileMs(gitNanos, 100);
        double managerP50 = Stats.percentileMs(managerNanos, 50);
        double managerMax = Stats.percentileMs(managerNanos, 100);
        double ratio = managerP50 / gitP50;
        String files = String.format("%,d", repository.files());
        Log.line(SCOPE, String.format("git worktree add p50 %.0f ms, max %.0f ms; WorkspaceManager p50 %.0f ms, max %.0f ms;"
                + " ratio of the p50s %.2f (target <= %.1f)", gitP50, gitMax, managerP50, managerMax, ratio, MAX_RATIO));
        add(new Result("W1", "workspace creation, " + files + "-file repository, WorkspaceManager p50", "-", managerP50,
                "ms", "<= " + MAX_RATIO + " x git worktree add", ratio <= MAX_RATIO)
                .with("ratio_of_p50s", ProcStats.round(ratio)).with("max_ms", managerMax)
                .with("git_worktree_add_p50_ms", gitP50).with("git_worktree_add_max_ms", gitMax)
                .with("rounds", managerNanos.length).with("order", "alternating, git first in even rounds (2, 4, ...)")
                .with("removal", "after each round, not timed: both unregistered (git worktree prune,"
                        + " WorkspaceManager.remove), their folders moved aside and deleted with the work folder")
                .with("ms_by_round", milliseconds(managerNanos)).with("git_worktree_add_ms_by_round", milliseconds(gitNanos))
                .with("latency", Stats.summary(managerNanos))
                .with("warm_up_round_ms", Map.of("workspace_manager", Stats.ms(warmUp.managerNanos()),
                        "git_worktree_add", Stats.ms(warmUp.gitNanos())))
                .with("repository", repository.describe()).with("git", git.run(root, "--version"))
                .with("cpu", cpu).with("load_average_before", load));
        add(Result.info("W1g", "workspace creation, " + files + "-file repository, git worktree add p50", "-", gitP50, "ms")
                .with("max_ms", gitMax).with("latency", Stats.summary(gitNanos)));
    }

    /**
     * Times both creations, git's first or second, then removes both worktrees. Branches stay, each round has its
     * own: {@code bench/git-<n>} and the attempt's {@code baton/bench/round-<n>}.
     */
    private Round round(ProjectRepository project, int number, boolean gitFirst, boolean checkFiles) throws Exception {
        Path gitWorktree = root.resolve("git-worktrees").resolve("round-" + number);
        String attemptId = "round-" + number;
        Path managerWorkspace = root.resolve("baton-data/workspaces").resolve(attemptId);
        long gitNanos = 0;
        long managerNanos = 0;
        for (int turn = 0; turn < 2; turn++) {
            if ((turn == 0) == gitFirst) {
                gitNanos = gitWorktreeAdd(project.localPath(), "bench/git-" + number, gitWorktree);
            } else {
                managerNanos = workspaceManagerCreate(project, attemptId);
            }
        }
        if (checkFiles) {
            requireAllFiles(gitWorktree);
            requireAllFiles(managerWorkspace);
        }
        Path removed = Files.createDirectories(root.resolve("removed").resolve("round-" + number));
        Files.move(gitWorktree, removed.resolve("git"));
        Files.move(managerWorkspace, removed.resolve("workspace-manager"));
        git.run(project.localPath(), "worktree", "prune");
        manager.remove(project, attemptId);
        return new Round(gitNanos, managerNanos);
    }

    /** The baseline: the git program as a user would run it, on the same repository and base. */
    private static long gitWorktreeAdd(Path repository, String branch, Path worktree) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("git", "worktree", "add", "--quiet", "-b", branch, worktree.toString(),
                GeneratedRepository.BRANCH).directory(repository.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        long started = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(GIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long elapsed = System.nanoTime() - started;
        if (!finished) {
            process.destroyForcibly();
            throw new IllegalStateException("git worktree add " + worktree + " did not finish within " + GIT_TIMEOUT);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("git worktree add " + worktree + " failed with exit code " + process.exitValue());
        }
        return elapsed;
    }

    private long workspaceManagerCreate(ProjectRepository project, String attemptId) {
        WorkspaceRequest request = new WorkspaceRequest(project, TASK_ID, attemptId,
                WorkspaceBase.branch(GeneratedRepository.BRANCH));
        long started = System.nanoTime();
        manager.create(request);
        return System.nanoTime() - started;
    }

    private void requireAllFiles(Path worktree) throws IOException {
        long count;
        try (Stream<Path> all = Files.walk(worktree)) {
            count = all.filter(file -> !file.startsWith(worktree.resolve(".git"))).filter(Files::isRegularFile).count();
        }
        if (count != o.workspaceFiles) {
            throw new IllegalStateException(worktree + " holds " + count + " files, expected " + o.workspaceFiles);
        }
    }

    private static List<Double> milliseconds(long[] nanos) {
        return Arrays.stream(nanos).mapToObj(Stats::ms).toList();
    }

    private void add(Result r) {
        results.add(r);
        Log.result(SCOPE, r);
    }
}
