package dev.baton.api.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.support.Api;
import dev.baton.api.support.AuthIntegrationTest;
import dev.baton.api.support.GitRepos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts in a real headless Chromium (ui/e2e/auth.e2e.mjs) against the server with accounts on: the sign-in page,
 * a refused password, admin's sign-in, a user, an API token shown once, a team with the user in it, a project the
 * team owns, a reload that keeps the session (and its CSRF token), and the sign-out. The sign-in page and the
 * Account tab pass the accessibility audit (axe-core).
 */
class AuthBrowserTest extends AuthIntegrationTest {

    @Test
    void signInManageAccountsTeamsAndATeamProjectThenSignOut() throws IOException, InterruptedException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "browser-" + suffix;
        String password = "a password typed in Chromium " + suffix;
        String team = "Team " + suffix;
        String projectName = uniqueName("Team project");
        String taskTitle = uniqueName("Written after a reload");

        BrowserScript.run("auth.e2e.mjs", Map.of(
                "BATON_URL", "http://127.0.0.1:" + port,
                "BATON_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "BATON_NEW_USER", username,
                "BATON_NEW_PASSWORD", password,
                "BATON_TEAM", team,
                "BATON_PROJECT_NAME", projectName,
                "BATON_REPO", GitRepos.create().toString(),
                "BATON_TASK_TITLE", taskTitle), Duration.ofSeconds(180)).assertPassed(9);

        // what the browser did is on the server: the user signs in with the password given, is a member of the team,
        // and sees the team's project with the task written after the reload
        Api user = signIn(username, password);
        JsonNode teams = user.get("/api/v1/teams").expect(200).data().get("items");
        assertThat(teams).anySatisfy(t -> {
            assertThat(t.get("name").asText()).isEqualTo(team);
            assertThat(t.get("role").asText()).isEqualTo("member");
        });
        JsonNode projects = user.get("/api/v1/projects?limit=500").expect(200).data().get("items");
        JsonNode project = null;
        for (JsonNode p : projects) {
            if (p.get("name").asText().equals(projectName)) {
                project = p;
            }
        }
        assertThat(project).as("the team's project among %s", projects).isNotNull();
        String projectId = project.get("project_id").asText();
        assertThat(user.get("/api/v1/projects/" + projectId + "/board").expect(200).text()).contains(taskTitle);
        assertThat(api.get("/api/v1/auth/tokens").expect(200).text()).contains("browser token");
    }
}
