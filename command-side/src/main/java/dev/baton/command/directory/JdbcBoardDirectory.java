package dev.baton.command.directory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link BoardDirectory} in the tables {@code cmd_project}, {@code cmd_task} and {@code cmd_agent_profile}, read
 * and written with plain JDBC in the command's transaction (every command reads it, so it stays cheap: no entity
 * loading, no dirty checking).
 */
@Component
class JdbcBoardDirectory implements BoardDirectory {

    /*
     * Neighbour ranks are ordered "limit 1" queries over every column of ix_cmd_task_column, so both databases walk
     * the index from one end and stop at the first row (H2 scans the whole column for max()/min() with a filter).
     */
    private static final String LAST_RANK = "select card_rank from cmd_task where project_id = ? and column_id = ?"
            + " and task_id <> ? order by project_id desc, column_id desc, card_rank desc fetch first 1 rows only";
    private static final String RANK_BELOW = "select card_rank from cmd_task where project_id = ? and column_id = ?"
            + " and card_rank < ? and task_id <> ? order by project_id desc, column_id desc, card_rank desc fetch first 1 rows only";
    private static final String RANK_ABOVE = "select card_rank from cmd_task where project_id = ? and column_id = ?"
            + " and card_rank > ? and task_id <> ? order by project_id, column_id, card_rank fetch first 1 rows only";

    private final JdbcTemplate jdbc;

    JdbcBoardDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ProjectEntry> project(String projectId) {
        return jdbc.query("select column_ids, archived from cmd_project where project_id = ?",
                (rs, n) -> new ProjectEntry(projectId, split(rs.getString(1)), rs.getBoolean(2)), projectId).stream().findFirst();
    }

    @Override
    public Optional<TaskEntry> task(String taskId) {
        return jdbc.query("select project_id, column_id, card_rank, agent_profile_id, paused from cmd_task"
                        + " where task_id = ?", (rs, n) -> new TaskEntry(taskId, rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getBoolean(5)), taskId).stream().findFirst();
    }

    @Override
    public Optional<String> lastRank(String projectId, String column, String exceptTaskId) {
        return firstString(LAST_RANK, projectId, column, nonNull(exceptTaskId));
    }

    @Override
    public Optional<String> rankBelow(String projectId, String column, String rank, String exceptTaskId) {
        return firstString(RANK_BELOW, projectId, column, rank, nonNull(exceptTaskId));
    }

    @Override
    public Optional<String> rankAbove(String projectId, String column, String rank, String exceptTaskId) {
        return firstString(RANK_ABOVE, projectId, column, rank, nonNull(exceptTaskId));
    }

    @Override
    public Set<String> dependenciesOf(String taskId) {
        return firstString("select depends_on from cmd_task where task_id = ?", taskId)
                .map(joined -> Set.copyOf(split(joined))).orElse(Set.of());
    }

    @Override
    public long tasksInColumn(String projectId, String column) {
        Long count = jdbc.queryForObject("select count(*) from cmd_task where project_id = ? and column_id = ?",
                Long.class, projectId, column);
        return count == null ? 0 : count;
    }

    @Override
    public boolean agentProfileExists(String agentProfileId) {
        return firstString("select agent_profile_id from cmd_agent_profile where agent_profile_id = ?", agentProfileId).isPresent();
    }

    @Override
    public boolean agentProfileNameTaken(String name, String ownerId, String exceptAgentProfileId) {
        return firstString("select agent_profile_id from cmd_agent_profile where name_key = ? and coalesce(owner_id, '')"
                        + " = ? and agent_profile_id <> ? fetch first 1 rows only", nameKey(name), nonNull(ownerId),
                nonNull(exceptAgentProfileId)).isPresent();
    }

    @Override
    public void lockProject(String projectId) {
        jdbc.query("select project_id from cmd_project where project_id = ? for update", (rs, n) -> null, projectId);
    }

    // ---- writes, from BoardDirectoryUpdater ----

    void addProject(String projectId, List<String> columnIds) {
        jdbc.update("insert into cmd_project (project_id, column_ids, archived) values (?, ?, false)",
                projectId, String.join(",", columnIds));
    }

    void changeColumns(String projectId, List<String> columnIds) {
        jdbc.update("update cmd_project set column_ids = ? where project_id = ?", String.join(",", columnIds), projectId);
    }

    void archiveProject(String projectId) {
        jdbc.update("update cmd_project set archived = true where project_id = ?", projectId);
    }

    void addTask(String taskId, String projectId, String column, String rank, List<String> dependsOn,
                 String agentProfileId) {
        jdbc.update("insert into cmd_task (task_id, project_id, column_id, card_rank, depends_on, agent_profile_id)"
                + " values (?, ?, ?, ?, ?, ?)", taskId, projectId, column, rank, String.join(",", dependsOn), agentProfileId);
    }

    void assignAgent(String taskId, String agentProfileId) {
        jdbc.update("update cmd_task set agent_profile_id = ? where task_id = ?", agentProfileId, taskId);
    }

    void placeTask(String taskId, String column, String rank) {
        jdbc.update("update cmd_task set column_id = ?, card_rank = ? where task_id = ?", column, rank, taskId);
    }

    void changeDependencies(String taskId, List<String> dependsOn) {
        jdbc.update("update cmd_task set depends_on = ? where task_id = ?", String.join(",", dependsOn), taskId);
    }

    void pauseTask(String taskId, boolean paused) {
        jdbc.update("update cmd_task set paused = ? where task_id = ?", paused, taskId);
    }

    void removeTask(String taskId) {
        jdbc.update("delete from cmd_task where task_id = ?", taskId);
    }

    void addAgentProfile(String agentProfileId, String name, String ownerId) {
        jdbc.update("insert into cmd_agent_profile (agent_profile_id, name_key, owner_id) values (?, ?, ?)",
                agentProfileId, nameKey(name), ownerId);
    }

    void renameAgentProfile(String agentProfileId, String name) {
        jdbc.update("update cmd_agent_profile set name_key = ? where agent_profile_id = ?", nameKey(name), agentProfileId);
    }

    void removeAgentProfile(String agentProfileId) {
        jdbc.update("delete from cmd_agent_profile where agent_profile_id = ?", agentProfileId);
    }

    /** Lower-cased, so that names are unique whatever their case. */
    private static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** Column ids and task ids are stored comma separated (ids cannot hold commas). */
    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private Optional<String> firstString(String sql, Object... args) {
        return jdbc.query(sql, (rs, n) -> rs.getString(1), args).stream().findFirst();
    }

    private static String nonNull(String id) {
        return id == null ? "" : id;
    }
}
