package dev.baton.runner.project;

import dev.baton.core.project.ProjectCommands;
import dev.baton.core.project.ValidationCheck;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.springframework.stereotype.Component;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lightweight checks behind "Validate": the repository is reachable, the default branch exists, and each
 * gate command's program can be found. Every failure says what to do about it.
 */
@Component
public class ProjectValidator {

    private static final int REMOTE_TIMEOUT_SECONDS = 15;

    public List<ValidationCheck> validate(String repoUrl, String localPath, String branch, ProjectCommands commands) {
        List<ValidationCheck> checks = new ArrayList<>();
        Collection<String> branches;
        Path workingDirectory = null;
        if (localPath != null) {
            workingDirectory = Path.of(localPath);
            branches = localBranches(workingDirectory, checks);
        } else {
            branches = remoteBranches(repoUrl, checks);
        }
        if (branches == null) {
            checks.add(new ValidationCheck("branch", false, "cannot check branch " + branch + ": the repository is not reachable"));
        } else if (branches.contains(branch)) {
            checks.add(new ValidationCheck("branch", true, "branch " + branch + " exists"));
        } else {
            checks.add(new ValidationCheck("branch", false, "branch " + branch + " does not exist"
                    + (branches.isEmpty() ? " (the repository has no branches yet: make a first commit)"
                    : "; existing branches: " + String.join(", ", branches.stream().limit(10).toList()))));
        }
        checks.addAll(commandChecks(commands, workingDirectory));
        return checks;
    }

    private Collection<String> localBranches(Path path, List<ValidationCheck> checks) {
        if (!Files.isDirectory(path)) {
            checks.add(new ValidationCheck("repository", false, "local_path " + path + " is not a folder on this machine"));
            return null;
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(path.toFile());
        if (builder.getGitDir() == null) {
            checks.add(new ValidationCheck("repository", false, path + " is not inside a git repository: run git init there"));
            return null;
        }
        try (Repository repository = builder.build()) {
            checks.add(new ValidationCheck("repository", true, "git repository at " + builder.getGitDir().getParent()));
            return repository.getRefDatabase().getRefsByPrefix("refs/heads/").stream()
                    .map(ref -> Repository.shortenRefName(ref.getName())).toList();
        } catch (IOException e) {
            checks.add(new ValidationCheck("repository", false, "cannot read the repository: " + e.getMessage()));
            return null;
        }
    }

    private Collection<String> remoteBranches(String url, List<ValidationCheck> checks) {
        try {
            Collection<Ref> refs = Git.lsRemoteRepository().setRemote(url).setHeads(true)
                    .setTimeout(REMOTE_TIMEOUT_SECONDS).call();
            checks.add(new ValidationCheck("repository", true, "remote " + url + " answered"));
            return refs.stream().map(ref -> Repository.shortenRefName(ref.getName())).toList();
        } catch (GitAPIException | RuntimeException e) {
            checks.add(new ValidationCheck("repository", false, "remote " + url + " is not reachable: " + e.getMessage()));
            return null;
        }
    }

    private static List<ValidationCheck> commandChecks(ProjectCommands commands, Path workingDirectory) {
        Map<String, String> configured = new LinkedHashMap<>();
        configured.put("install", commands.install());
        configured.put("test", commands.test());
        configured.put("lint", commands.lint());
        List<ValidationCheck> checks = new ArrayList<>();
        configured.forEach((gate, command) -> {
            if (command == null) {
                checks.add(new ValidationCheck("command:" + gate, true, "no " + gate + " command configured (optional)"));
                return;
            }
            String program = command.strip().split("\\s+")[0];
            boolean found = findProgram(program, workingDirectory);
            checks.add(new ValidationCheck("command:" + gate, found, found ? program + " found"
                    : program + " was not found on the PATH" + (workingDirectory == null ? "" : " or in the repository")
                    + ": install it or fix commands." + gate));
        });
        return checks;
    }

    private static boolean findProgram(String program, Path workingDirectory) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            if (!path.isAbsolute() && workingDirectory != null) {
                path = workingDirectory.resolve(path);
            }
            return Files.isRegularFile(path);
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
