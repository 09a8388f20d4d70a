package dev.baton.api.e2e;

import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import dev.baton.runner.moxxy.FakeMoxxy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The moxxy settings in a real headless Chromium (ui/e2e/moxxy.e2e.mjs) against a fake moxxy: connect with a token
 * the page never shows again, create a moxxy agent, set a vault key, start a job from a board task, cancel it.
 */
class MoxxyBrowserTest extends ApiTestBase {

    private static final Path SCRIPT = Path.of("..", "ui", "e2e", "moxxy.e2e.mjs").toAbsolutePath().normalize();

    @Test
    void connectCreateAnAgentSetAVaultKeyStartAndCancelAJob() throws IOException, InterruptedException {
        String token = "tok-" + UUID.randomUUID();
        try (FakeMoxxy moxxy = FakeMoxxy.withToken(token)) {
            moxxy.addAgent("default");
            String projectId = createProject(uniqueName("moxxy in the browser"));
            String title = uniqueName("Orchestrate me");
            createTask(projectId, Json.obj("title", title));
            awaitBoard(projectId, "", board -> board.toString().contains(title));

            Path log = Files.createTempFile("moxxy-e2e-", ".log");
            ProcessBuilder browser = new ProcessBuilder("node", SCRIPT.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(SCRIPT.getParent().getParent().toFile());
            Map<String, String> env = browser.environment();
            env.put("BATON_URL", "http://127.0.0.1:" + port);
            env.put("BATON_PROJECT_ID", projectId);
            env.put("BATON_TASK_TITLE", title);
            env.put("MOXXY_URL", moxxy.baseUrl().toString());
            env.put("MOXXY_TOKEN", token);
            Process node = browser.start();
            node.getOutputStream().close();
            boolean finished = node.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                node.destroyForcibly();
            }
            String output = Files.readString(log);
            assertThat(finished).as("the browser test finished in time: %s", output).isTrue();
            assertThat(node.exitValue()).as("browser test output:%n%s", output).isZero();
            assertThat(output).contains("1 passed, 0 failed");

            // what the browser did reached moxxy
            assertThat(moxxy.agents()).contains("reviewer");
            assertThat(moxxy.vaultValue("default", "GITHUB_TOKEN")).isEqualTo("ghp_e2e_value");
            assertThat(moxxy.jobIds()).hasSize(1);
            assertThat(moxxy.job(moxxy.jobIds().iterator().next()).get("status").asText()).isEqualTo("canceled");
        }
    }
}
