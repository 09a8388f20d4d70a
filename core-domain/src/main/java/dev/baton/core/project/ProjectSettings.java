package dev.baton.core.project;

import dev.baton.core.common.Checks;
import dev.baton.core.common.DomainException;
import dev.baton.core.common.ErrorCode;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Everything a user configures on a project. Built only through {@link #checked}, so always valid. */
public record ProjectSettings(String name, String vision, String repoUrl, String localPath, String defaultBranch,
                              ProjectCommands commands, List<Column> columns, Budgets budgets, BotIdentity botIdentity) {

    public static final List<Column> DEFAULT_COLUMNS = List.of(
            new Column("backlog", "Backlog"), new Column("todo", "To Do"), new Column("in_progress", "In Progress"),
            new Column("review", "Review"), new Column("done", "Done"));
    public static final int MAX_COLUMNS = 20;
    private static final Pattern COLUMN_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern REPO_URL = Pattern.compile("(https?|ssh|git|file)://\\S+|[\\w.-]+@[\\w.-]+:\\S+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    /** Validates every field, fills defaults, and answers the settings or throws a precise refusal. */
    public static ProjectSettings checked(String name, String vision, String repoUrl, String localPath, String defaultBranch,
                                          ProjectCommands commands, List<Column> columns, Budgets budgets,
                                          BotIdentity botIdentity) {
        String checkedName = Checks.required("name", name, Checks.MAX_NAME);
        Checks.optional("vision", vision, Checks.MAX_TEXT);
        String url = blankToNull(Checks.optional("repo_url", repoUrl, Checks.MAX_SHORT));
        String path = blankToNull(Checks.optional("local_path", localPath, Checks.MAX_SHORT));
        if ((url == null) == (path == null)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "exactly one of repo_url and local_path is required",
                    Map.of("fields", List.of("repo_url", "local_path")));
        }
        if (url != null && !REPO_URL.matcher(url).matches()) {
            throw DomainException.invalidField("repo_url", "repo_url must be a git URL (https://, ssh://, git@host:path or file://)");
        }
        if (path != null && !Path.of(path).isAbsolute()) {
            throw DomainException.invalidField("local_path", "local_path must be an absolute path");
        }
        String branch = defaultBranch == null ? "main" : Checks.branch("default_branch", defaultBranch);
        return new ProjectSettings(checkedName, vision, url, path, branch, checkedCommands(commands),
                checkedColumns(columns), checkedBudgets(budgets), checkedBot(botIdentity));
    }

    /** Applies the non-null fields of a change; setting one repository location clears the other. */
    public ProjectSettings with(String newName, String newVision, String newRepoUrl, String newLocalPath,
                                String newDefaultBranch, ProjectCommands newCommands, List<Column> newColumns,
                                Budgets newBudgets, BotIdentity newBotIdentity) {
        if (newRepoUrl != null && newLocalPath != null) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED,
                    "exactly one of repo_url and local_path is allowed",
                    Map.of("fields", List.of("repo_url", "local_path")));
        }
        String url = newLocalPath != null ? null : pick(newRepoUrl, repoUrl);
        String path = newRepoUrl != null ? null : pick(newLocalPath, localPath);
        return checked(pick(newName, name), pick(newVision, vision), url, path, pick(newDefaultBranch, defaultBranch),
                pick(newCommands, commands), pick(newColumns, columns), pick(newBudgets, budgets),
                pick(newBotIdentity, botIdentity));
    }

    public boolean hasColumn(String columnId) {
        return columns.stream().anyMatch(c -> c.id().equals(columnId));
    }

    private static <T> T pick(T changed, T current) {
        return changed != null ? changed : current;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ProjectCommands checkedCommands(ProjectCommands commands) {
        if (commands == null) {
            return ProjectCommands.NONE;
        }
        return new ProjectCommands(blankToNull(Checks.optional("commands.install", commands.install(), Checks.MAX_SHORT)),
                blankToNull(Checks.optional("commands.test", commands.test(), Checks.MAX_SHORT)),
                blankToNull(Checks.optional("commands.lint", commands.lint(), Checks.MAX_SHORT)));
    }

    private static List<Column> checkedColumns(List<Column> columns) {
        if (columns == null) {
            return DEFAULT_COLUMNS;
        }
        if (columns.isEmpty() || columns.size() > MAX_COLUMNS) {
            throw DomainException.invalidField("columns", "columns must hold between 1 and " + MAX_COLUMNS + " columns");
        }
        Set<String> ids = new HashSet<>();
        for (Column column : columns) {
            if (column == null || column.id() == null || !COLUMN_ID.matcher(column.id()).matches()) {
                throw DomainException.invalidField("columns", "a column id must be 1-40 of a-z, 0-9, _ and -, starting with a letter or digit");
            }
            Checks.required("columns", column.name(), 100);
            if (!ids.add(column.id())) {
                throw DomainException.invalidField("columns", "column id " + column.id() + " appears twice");
            }
        }
        return columns.stream().map(c -> new Column(c.id(), c.name().strip())).toList();
    }

    private static Budgets checkedBudgets(Budgets budgets) {
        if (budgets == null) {
            return Budgets.NONE;
        }
        positive("budgets.max_runtime_seconds", budgets.maxRuntimeSeconds());
        positive("budgets.max_attempts_per_hour", budgets.maxAttemptsPerHour());
        positive("budgets.max_tokens", budgets.maxTokens());
        positive("budgets.max_parallel_attempts", budgets.maxParallelAttempts());
        return budgets;
    }

    private static void positive(String field, Number value) {
        if (value != null && value.longValue() <= 0) {
            throw DomainException.invalidField(field, field + " must be positive");
        }
    }

    private static BotIdentity checkedBot(BotIdentity bot) {
        if (bot == null) {
            return BotIdentity.DEFAULT;
        }
        String botName = Checks.required("bot_identity.name", bot.name(), Checks.MAX_NAME);
        String email = Checks.required("bot_identity.email", bot.email(), Checks.MAX_NAME);
        if (!EMAIL.matcher(email).matches()) {
            throw DomainException.invalidField("bot_identity.email", "bot_identity.email is not an e-mail address");
        }
        return new BotIdentity(botName, email);
    }
}
