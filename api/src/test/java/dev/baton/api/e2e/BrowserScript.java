package dev.baton.api.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser end-to-end script of ui/e2e (a Node script driving headless Chromium, see ui/e2e/lib.mjs) run to its end
 * with {@code node}, from the ui folder. Its output is printed, so that its progress and METRIC lines show in the
 * test's log.
 */
final class BrowserScript {

    private static final Path E2E = Path.of("..", "ui", "e2e").toAbsolutePath().normalize();

    private BrowserScript() {
    }

    /** Runs {@code ui/e2e/<script>} with {@code env} added to this JVM's environment; kills it after {@code timeout}. */
    static Result run(String script, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        // A file, not a pipe: a script that writes a lot can never block on a full pipe.
        Path log = Files.createTempFile(script + "-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder("node", E2E.resolve(script).toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(E2E.getParent().toFile());
            builder.environment().putAll(env);
            Process node = builder.start();
            node.getOutputStream().close();
            boolean finished = node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            System.out.println(output);
            return new Result(finished, finished ? node.exitValue() : -1, output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** What a script printed, and how it ended ({@code exitCode} is -1 when it did not end in time). */
    record Result(boolean finished, int exitCode, String output) {

        /** Checks that the script ended in time, with exit code 0, after its closing line "N passed, 0 failed". */
        Result assertPassed(int passed) {
            assertThat(finished).as("the browser script finished in time:%n%s", output).isTrue();
            assertThat(exitCode).as("browser script output:%n%s", output).isZero();
            assertThat(output).contains(passed + " passed, 0 failed");
            return this;
        }

        /** The figures of the "METRIC name value unit [note]" lines, by name, in the order printed. */
        Map<String, Double> metrics() {
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (String line : output.lines().toList()) {
                String[] words = line.split(" ");
                if (words.length >= 3 && words[0].equals("METRIC")) {
                    metrics.put(words[1], Double.valueOf(words[2]));
                }
            }
            return metrics;
        }
    }
}
