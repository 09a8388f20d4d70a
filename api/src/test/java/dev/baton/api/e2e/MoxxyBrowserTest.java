package dev.baton.api.e2e;

import dev.baton.api.support.ApiTestBase;
import dev.baton.api.support.Json;
import dev.baton.runner.moxxy.FakeMoxxy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The moxxy settings in a real headless Chromium (ui/e2e/moxxy.e2e.mjs) against a fake moxxy: connect with a token
 * the page never shows again, create a moxxy agent, set a vault key, start a job from a board task, cancel it. The
 * settings' three tabs pass the accessibility audit (axe-core).
 */
class MoxxyBrowserTest extends ApiTestBase {

    @Test
    void connectCreateAnAgentSetAVaultKeyStartAndCancelAJob() throws IOException, InterruptedException {
        String token = "tok-" + UUID.randomUUID();
        try (FakeMoxxy moxxy = FakeMoxxy.withToken(token)) {
            moxxy.addAgent("default");
            String projectId = createProject(uniqueName("moxxy in the browser"));
            String title = uniqueName("Orchestrate me");
            createTask(projectId, Json.obj("title", title));
            awaitBoard(projectId, "", board -> board.toString().contains(title));

            BrowserScript.run("moxxy.e2e.mjs", Map.of(
                    "BATON_URL", base(),
                    "BATON_PROJECT_ID", projectId,
                    "BATON_TASK_TITLE", title,
                    "MOXXY_URL", moxxy.baseUrl().toString(),
                    "MOXXY_TOKEN", token), Duration.ofSeconds(120)).assertPassed(1);

            // what the browser did reached moxxy
            assertThat(moxxy.agents()).contains("reviewer");
            assertThat(moxxy.vaultValue("default", "GITHUB_TOKEN")).isEqualTo("ghp_e2e_value");
            assertThat(moxxy.jobIds()).hasSize(1);
            assertThat(moxxy.job(moxxy.jobIds().iterator().next()).get("status").asText()).isEqualTo("canceled");
        }
    }
}
