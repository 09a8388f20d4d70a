package dev.baton.bench;

import dev.baton.runner.workspace.GitCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A git repository shaped like a real multi-module project, for the workspace phase: Java sources and tests,
 * resource files and documentation in nested folders (about 26 files a folder, up to 9 levels deep), small text
 * files of 5 to 80 lines, all in one commit on branch {@code main}, cloned so that its objects are packed as in
 * a clone from a server. The content is the same at every run (fixed seed).
 */
record GeneratedRepository(Path path, int files, int folders, long bytes, double seconds) {

    static final String BRANCH = "main";

    private static final int MODULES = 16;
    private static final int KINDS = 4;
    private static final int PACKAGES = 12;
    private static final int PROGRESS_EVERY = 5_000;
    private static final String[] WORDS = {"task", "board", "column", "attempt", "agent", "review", "merge", "branch",
        "event", "project", "card", "workspace", "runner", "commit", "replay", "version"};
    /**
     * The commit must not depend on the machine's git configuration, and must not start a background
     * {@code git gc --auto} (20,000 loose objects would) that would still be packing during the measurements.
     */
    private static final List<String> SETTINGS = List.of("-c", "user.name=Baton Bench", "-c", "user.email=bench@baton.dev",
            "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=" + BRANCH, "-c", "gc.auto=0");

    /** Writes {@code folder/source} and returns its clone, {@code folder/checkout}. */
    static GeneratedRepository create(Path folder, int files, GitCli git, Consumer<String> progress) throws IOException {
        long started = System.nanoTime();
        Path path = folder.resolve("source");
        Random random = new Random(42);
        Set<Path> folders = new HashSet<>();
        long bytes = 0;
        for (int i = 0; i < files; i++) {
            Path file = path.resolve(relativePath(i));
            if (folders.add(file.getParent())) {
                Files.createDirectories(file.getParent());
            }
            String content = content(i, random);
            Files.writeString(file, content);
            bytes += content.length();
            if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == files) {
                progress.accept(String.format("repository: %,d of %,d files written", i + 1, files));
            }
        }
        progress.accept("repository: git add -A");
        run(git, path, "init", "--quiet");
        run(git, path, "add", "-A");
        progress.accept("repository: git commit");
        run(git, path, "commit", "--quiet", "-m", String.format("%,d generated files", files));
        // Not `git gc`: it deletes the 20,000 loose objects, and deletions slow file creation (see WorkspacePhase).
        progress.accept("repository: git clone --no-local (packs the objects)");
        Path checkout = folder.resolve("checkout");
        git.run(folder, "clone", "--quiet", "--no-local", path.toString(), checkout.toString());
        return new GeneratedRepository(checkout, files, folders.size(), bytes, (System.nanoTime() - started) / 1e9);
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files);
        m.put("folders_with_files", folders);
        m.put("bytes", bytes);
        m.put("commits", 1);
        m.put("made_in_seconds", ProcStats.round(seconds));
        return m;
    }

    /** E.g. {@code modules/module-3/src/main/java/dev/example/module3/pkg9/Class2115.java}. */
    private static String relativePath(int i) {
        int module = i % MODULES;
        int pkg = i / (MODULES * KINDS) % PACKAGES;
        String root = "modules/module-" + module + "/";
        String javaPackage = "dev/example/module" + module + "/pkg" + pkg + "/";
        return switch (i / MODULES % KINDS) {
            case 0 -> root + "src/main/java/" + javaPackage + "Class" + i + ".java";
            case 1 -> root + "src/test/java/" + javaPackage + "Class" + i + "Test.java";
            case 2 -> root + "src/main/resources/messages/pkg" + pkg + "/messages" + i + ".properties";
            default -> root + "docs/pkg" + pkg + "/note" + i + ".md";
        };
    }

    /** 5 to 80 lines of about 35 characters. */
    private static String content(int i, Random random) {
        int lines = 5 + random.nextInt(76);
        StringBuilder text = new StringBuilder("# file ").append(i).append('\n');
        for (int line = 0; line < lines; line++) {
            text.append(line % 4 == 0 ? "\n" : "    ");
            for (int word = 0; word < 4; word++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(word == 3 ? ";\n" : " ");
            }
        }
        return text.toString();
    }

    private static void run(GitCli git, Path directory, String... args) {
        List<String> all = new ArrayList<>(SETTINGS);
        all.addAll(List.of(args));
        git.run(directory, all.toArray(String[]::new));
    }
}
