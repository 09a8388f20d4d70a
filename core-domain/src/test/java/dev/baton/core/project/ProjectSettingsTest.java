package dev.baton.core.project;

import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectSettingsTest {

    @Test
    void fillsDefaults() {
        ProjectSettings settings = ProjectSettings.checked(" Shop ", null, null, "/tmp/repo", null, null, null, null, null);
        assertThat(settings.name()).isEqualTo("Shop");
        assertThat(settings.defaultBranch()).isEqualTo("main");
        assertThat(settings.columns()).extracting(Column::id).containsExactly("backlog", "todo", "in_progress", "review", "done");
        assertThat(settings.botIdentity()).isEqualTo(BotIdentity.DEFAULT);
    }

    @Test
    void requiresExactlyOneRepositoryLocation() {
        assertRefused(() -> ProjectSettings.checked("x", null, null, null, null, null, null, null, null), "repo_url");
        assertRefused(() -> ProjectSettings.checked("x", null, "https://example.com/r.git", "/tmp/r", null, null, null, null, null), "local_path");
    }

    @Test
    void refusesBadFields() {
        assertRefused(() -> ProjectSettings.checked("x", null, "not a url", null, null, null, null, null, null), "repo_url");
        assertRefused(() -> ProjectSettings.checked("x", null, null, "relative/path", null, null, null, null, null), "local_path");
        assertRefused(() -> ProjectSettings.checked("x", null, null, "/r", "bad..branch", null, null, null, null), "default_branch");
        assertRefused(() -> ProjectSettings.checked("x", null, null, "/r", null, null, List.of(new Column("a", "A"), new Column("a", "B")), null, null), "columns");
        assertRefused(() -> ProjectSettings.checked("x", null, null, "/r", null, null, List.of(new Column("Bad Id", "A")), null, null), "columns");
        assertRefused(() -> ProjectSettings.checked("x", null, null, "/r", null, null, null, new Budgets(-1L, null, null, null), null), "budgets.max_runtime_seconds");
        assertRefused(() -> ProjectSettings.checked("x".repeat(201), null, null, "/r", null, null, null, null, null), "name");
        assertRefused(() -> ProjectSettings.checked("x", null, null, "/r", null, null, null, null, new BotIdentity("b", "nope")), "bot_identity.email");
    }

    @Test
    void settingOneLocationClearsTheOther() {
        ProjectSettings local = ProjectSettings.checked("x", null, null, "/r", null, null, null, null, null);
        ProjectSettings remote = local.with(null, null, "git@example.com:a/b.git", null, null, null, null, null, null);
        assertThat(remote.localPath()).isNull();
        assertThat(remote.repoUrl()).isEqualTo("git@example.com:a/b.git");
    }

    private static void assertRefused(Runnable action, String field) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.details().get("fields").toString()).contains(field);
        });
    }
}
